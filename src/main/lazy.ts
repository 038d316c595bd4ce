/**
 * A module (or anything costly) loaded on first use, once. Main's start
 * pays for every module its entry imports before the first window can be
 * asked for; what only some screens or some configurations need (the
 * embedded backend, public holidays, phone-number metadata, file sniffers
 * and image decoders) is reached through a dynamic `import()` wrapped in
 * `lazy()` instead, which the bundler leaves as a separate chunk.
 * A failed load is not remembered: the next call tries again.
 */
export function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | null = null;
  return () => {
    loading ??= load().catch((error: unknown) => {
      loading = null;
      throw error;
    });
    return loading;
  };
}
