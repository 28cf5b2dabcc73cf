// Console output of the project's scripts: one line per step, so a slow or failing step is obvious.
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`.padStart(7);

export const log = {
  step: (message) => console.log(`[${elapsed()}] ${message}`),
  detail: (message) => console.log(`           ${message}`),
  warn: (message) => console.warn(`[${elapsed()}] warning: ${message}`),
};

/** A failure the user can act on: printed without a stack trace. */
export class SetupError extends Error {}

export function fail(message) {
  throw new SetupError(message);
}

export async function runMain(main) {
  try {
    await main();
  } catch (error) {
    if (error instanceof SetupError) {
      console.error(`\n✖ ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}
