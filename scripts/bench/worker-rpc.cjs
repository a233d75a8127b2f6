'use strict';
/**
 * A child process of simulated phones, driven by request/answer messages over IPC: `call(cmd, args)`
 * sends `{ id, cmd, ...args }` and resolves with the child's `{ id, result }` (or rejects on `{ id, error }`,
 * or when the child exits). Used by the load, phone-load and chaos benchmarks.
 */
const { fork } = require('node:child_process');
const os = require('node:os');

function startWorkerProcess(script, { id = 0, nice = 0, env } = {}) {
  const child = fork(script, [], { ...(env ? { env } : {}), stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  if (nice) {
    try {
      os.setPriority(child.pid, nice);
    } catch {
      /* not permitted: run at normal priority */
    }
  }
  const waiting = new Map();
  let seq = 0;
  child.on('message', (msg) => {
    const w = waiting.get(msg.id);
    if (!w) return;
    waiting.delete(msg.id);
    if (msg.error) w.reject(new Error(`worker ${id}: ${msg.error}`));
    else w.resolve(msg.result);
  });
  child.on('exit', (code) => {
    for (const w of waiting.values()) w.reject(new Error(`worker ${id} exited (${code})`));
    waiting.clear();
  });
  return {
    id,
    child,
    call(cmd, args = {}) {
      return new Promise((resolve, reject) => {
        const msgId = ++seq;
        waiting.set(msgId, { resolve, reject });
        child.send({ id: msgId, cmd, ...args });
      });
    },
    stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
    },
    kill() {
      child.kill();
    },
  };
}

/**
 * The child's side: answers each `{ id, cmd, ...args }` with `commands[cmd](msg)` (awaited), or with the
 * error it threw, so the parent's `call` resolves or rejects.
 */
function serveCommands(commands) {
  process.on('message', async (msg) => {
    const fn = commands[msg.cmd];
    try {
      if (!fn) throw new Error(`unknown command ${msg.cmd}`);
      process.send({ id: msg.id, result: await fn(msg) });
    } catch (err) {
      process.send({ id: msg.id, error: err && err.stack ? err.stack : String(err) });
    }
  });
}

module.exports = { startWorkerProcess, serveCommands };
