/** Small inline SVG icons; decorative, so hidden from assistive tech (the text beside them says it). */
const PATHS = {
  clock: 'M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13Zm.75 3v3.2l2.3 1.4-.75 1.25L7.25 8.5v-4h1.5Z',
  warning: 'M8 1.5 15 14H1L8 1.5Zm-.75 4.5v4h1.5V6h-1.5Zm0 5v1.5h1.5V11h-1.5Z',
  chat: 'M2 2.5h12v8H6l-3 3v-3H2v-8Z',
  phone:
    'M4 1.5h2.5l1 3.5-1.75 1.25a7 7 0 0 0 4 4L11 8.5l3.5 1V12A2.5 2.5 0 0 1 12 14.5 10.5 10.5 0 0 1 1.5 4 2.5 2.5 0 0 1 4 1.5Z',
  up: 'M8 3 13 10H3L8 3Z',
  // An eye (someone is viewing): the white of the eye drawn the other way round, so nonzero filling leaves it open.
  eye: 'M1 8c2-4 12-4 14 0-2 4-12 4-14 0Zm7-2.5a2.5 2.5 0 1 0 0 5 2.5 2.5 0 1 0 0-5Zm0 1.25a1.25 1.25 0 1 1 0 2.5 1.25 1.25 0 1 1 0-2.5Z',
  // A pencil (someone is writing).
  pen: 'M11 1.5 14.5 5 6 13.5H2.5V10L11 1.5Z',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name }: { name: IconName }) {
  return (
    <svg
      className={`icon icon-${name}`}
      viewBox="0 0 16 16"
      width="14"
      height="14"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} fill="currentColor" />
    </svg>
  );
}
