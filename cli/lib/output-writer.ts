// Buffered, backpressure-aware writing to stdout; a closed pipe (`soclab scan ... | head`) ends the
// output quietly instead of crashing.

export class OutputWriter {
  private parts: string[] = [];
  private size = 0;
  private broken = false;
  /** A write error other than a closed pipe, for the caller to report. */
  error: Error | undefined;

  /** `highWater`: characters buffered before a write to the stream. */
  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly highWater = 64 * 1024,
  ) {
    // EPIPE (reader gone) is the usual case; any other write error also ends the output.
    stream.on('error', (err: NodeJS.ErrnoException) => {
      this.broken = true;
      if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') this.error = err;
    });
  }

  /** True once the reader went away (EPIPE): callers may stop producing output. */
  get closed(): boolean {
    return this.broken;
  }

  /** Buffers `text`; resolves at once unless the buffer was flushed and the stream asked to wait. */
  write(text: string): Promise<void> | undefined {
    if (this.broken) return undefined;
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= this.highWater) return this.flush();
    return undefined;
  }

  /** Writes the buffer; waits for 'drain' when the stream is full. */
  async flush(): Promise<void> {
    if (this.size === 0 || this.broken) {
      this.parts = [];
      this.size = 0;
      return;
    }
    const chunk = this.parts.length === 1 ? this.parts[0] : this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (!this.stream.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          this.stream.off('drain', done);
          this.stream.off('close', done);
          this.stream.off('error', done);
          resolve();
        };
        this.stream.on('drain', done);
        this.stream.on('close', done);
        this.stream.on('error', done);
      });
    }
  }
}
