import { spawn, type ChildProcess } from 'node:child_process';

/** A virtual display of our own: Xvfb picks a free display number and tells it on a pipe (-displayfd). */
export class Xvfb {
  private constructor(
    private readonly child: ChildProcess,
    readonly display: string,
  ) {}

  static async start(): Promise<Xvfb> {
    const child = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const display = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdio[3]!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) resolve(`:${out.trim()}`);
      });
      child.once('error', (err) => reject(new Error(`Xvfb did not start (is Debian's xvfb installed?): ${err.message}`)));
      child.once('exit', (code) => reject(new Error(`Xvfb exited with ${code}: ${stderr}`)));
    });
    const stop = () => child.kill('SIGKILL');
    process.once('exit', stop);
    child.once('exit', () => process.off('exit', stop));
    return new Xvfb(child, display);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.kill('SIGTERM');
    });
  }
}
