import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HostProcess } from './fixtures/host.js';
import { ask, boardItem, openPhone, ready } from './fixtures/pages.js';
import { expect, test } from './fixtures/test.js';

/** Mounts a small tmpfs as the data folder (needs root; the test is skipped where that is not allowed). */
function smallDisk(): { dir: string; unmount(): void } | null {
  const dir = mkdtempSync(join(tmpdir(), 'open-floor-e2e-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
  return {
    dir,
    unmount: () => {
      execFileSync('umount', [dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Writes a file until the filesystem has no byte left; returns its path. */
function fillUp(dir: string): string {
  const file = join(dir, 'filler');
  const fd = openSync(file, 'w');
  for (const size of [64 * 1024, 512]) {
    const chunk = Buffer.alloc(size, 1);
    try {
      for (;;) writeSync(fd, chunk);
    } catch {
      // ENOSPC: full at this chunk size
    }
  }
  closeSync(fd);
  return file;
}

test('a full data disk: the console says so, the phone keeps its question waiting, and it goes through once space is freed', async ({ newPhone, browser }) => {
  const disk = smallDisk();
  test.skip(disk === null, 'mounting a tmpfs needs root');
  const dataDir = join(disk!.dir, 'data');
  mkdirSync(dataDir);
  const host = new HostProcess(dataDir);
  try {
    await host.start(['--session', 'Full disk']);
    const { joinUrl } = await host.waitForLine('session-open');
    expect((await host.control('setPremoderation', { on: false })).ok).toBe(true);
    const laptop = await browser.newContext();
    const consolePage = await laptop.newPage();
    await consolePage.goto(host.urls.consoleUrl);
    await ready(consolePage);
    const { page } = await newPhone('Pixel 7');
    await openPhone(page, joinUrl!);
    await ask(page, 'Asked while there is room on the disk');
    await expect(boardItem(page, 'Asked while there is room on the disk')).toBeVisible();

    const filler = fillUp(disk!.dir);
    await ask(page, 'Asked while the disk is full');
    await expect(consolePage.getByTestId('storage-problem')).toContainText('The data folder cannot be written');
    await expect(page.getByText('Waiting to send')).toBeVisible();
    await expect(boardItem(page, 'Asked while the disk is full')).toHaveCount(0);

    rmSync(filler);
    await expect(boardItem(page, 'Asked while the disk is full')).toBeVisible({ timeout: 15_000 });
    await expect(page.getByText('Waiting to send')).toHaveCount(0);
    await expect(consolePage.getByTestId('storage-problem')).toHaveCount(0);
    await expect(consolePage.getByText('Asked while the disk is full')).toHaveCount(1);
    await laptop.close();
  } finally {
    await host.kill('SIGTERM');
    disk!.unmount();
  }
});
