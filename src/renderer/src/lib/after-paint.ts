/**
 * Resolves once the browser has painted the frame being prepared, so work
 * that the person does not wait for (sending an action to main) does not
 * hold back the frame that shows its result. A hidden window gets no
 * animation frames: the timer makes sure the work still runs.
 */
export function afterNextPaint(fallbackMs = 50): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      resolve();
    };
    // A rAF callback runs just before the paint; a task queued from it runs once the paint is done.
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(finish, 0));
    setTimeout(finish, typeof requestAnimationFrame === 'function' ? fallbackMs : 0);
  });
}
