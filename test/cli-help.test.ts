import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = join(__dirname, '..');
const CLI = join(ROOT, 'bin', 'open-floor.cjs');

const cli = (...args: string[]) =>
  run(process.execPath, [CLI, ...args], { cwd: ROOT }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, stdout: err.stdout, stderr: err.stderr }),
  );

/** The built CLI, as people run it: every subcommand answers --help with its own usage and exits 0. */
describe('open-floor --help', () => {
  beforeAll(async () => {
    const built = join(ROOT, 'out', 'main', 'cli.js');
    const stale = !existsSync(built) || statSync(join(ROOT, 'src-main/cli.ts')).mtimeMs > statSync(built).mtimeMs;
    if (stale) await run('npx', ['electron-vite', 'build'], { cwd: ROOT });
  }, 240_000);

  const OWN_LINE: Record<string, string> = {
    serve: 'Usage: open-floor serve ',
    sessions: 'Usage: open-floor sessions ',
    export: 'Usage: open-floor export --session ID --format ',
    verify: 'Usage: open-floor verify FILE.json',
    publish: 'Usage: open-floor publish ',
  };

  for (const [command, usage] of Object.entries(OWN_LINE)) {
    it(`${command} --help and ${command} -h print its own usage and exit 0`, async () => {
      for (const flag of ['--help', '-h']) {
        const r = await cli(command, flag);
        expect(r.code, r.stderr).toBe(0);
        expect(r.stdout.startsWith(usage)).toBe(true);
        expect(r.stderr).toBe('');
        // Its own usage only: no other command's line.
        for (const [other, line] of Object.entries(OWN_LINE)) if (other !== command) expect(r.stdout).not.toContain(line);
      }
    });
  }

  it('--help after other options still answers with the usage (and does not run the command)', async () => {
    const r = await cli('export', '--format', 'md', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--locale');
  });

  it('the bare command and --help list every subcommand', async () => {
    for (const args of [[], ['--help']]) {
      const r = await cli(...args);
      expect(r.code).toBe(0);
      for (const c of Object.keys(OWN_LINE)) expect(r.stdout).toContain(`open-floor ${c}`);
    }
  });

  it('an unknown option names the command and shows its usage, exit 2', async () => {
    const r = await cli('verify', '--nope');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("open-floor verify: Unknown option '--nope'");
    expect(r.stderr).toContain('Usage: open-floor verify FILE.json');
    expect(r.stdout).toBe('');
  });
});
