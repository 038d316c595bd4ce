/** The callbacks workspace (placeholder until its screens land). */
export function CallbacksWorkspace() {
  return <main className="desk" data-testid="callbacks-workspace" />;
}
