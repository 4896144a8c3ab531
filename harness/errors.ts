// Errors the user can act on. The CLI prints their message as one line, without a stack trace,
// and exits with their code: 2 for bad input or usage.
export class HarnessError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = 2,
  ) {
    super(message);
    this.name = 'HarnessError';
  }
}
