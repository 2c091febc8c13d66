// The one error type of the JS API (docs/BROWSER.md).

/** An engine error: invalid manifest or input (exit 2), a node failing (exit 1). */
export class RemoteMediaError extends Error {
  constructor(info) {
    super(info.message);
    this.name = 'RemoteMediaError';
    this.code = info.code ?? 'internal';
    this.exit = info.exit ?? 1;
    this.problems = info.problems ?? [];
    if (info.node !== undefined) {
      this.node = info.node;
      this.nodeType = info.node_type;
      this.input = info.input; // null: while flushing, at end of stream
      this.phase = info.phase;
    }
    if (info.python) {
      this.pythonType = info.python.type;
      this.traceback = info.python.traceback;
    } else if (info.traceback) {
      this.traceback = info.traceback;
    }
  }
}
