'use strict';
/** Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time by function and by package/file. */
const { readFileSync } = require('node:fs');

function where(url) {
  if (!url) return '(native/vm)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) return url;
  const out = url.indexOf('/out/');
  if (out >= 0) return url.slice(out + 1);
  return url.replace(/^file:\/\//, '');
}

function summarizeProfile(file, top = 15) {
  const prof = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const deltas = prof.timeDeltas || [];
  let total = 0;
  prof.samples.forEach((id, i) => {
    const d = Math.max(0, deltas[i] ?? 0);
    self.set(id, (self.get(id) ?? 0) + d);
    total += d;
  });
  const fns = new Map();
  const files = new Map();
  for (const [id, us] of self) {
    const cf = byId.get(id).callFrame;
    const name = cf.functionName || '(anonymous)';
    const w = where(cf.url);
    const loc = cf.url ? `${w}:${cf.lineNumber + 1}` : w;
    const key = `${name}|${loc}`;
    fns.set(key, (fns.get(key) ?? 0) + us);
    const fileKey = ['(idle)', '(program)', '(garbage collector)'].includes(name) ? name : w;
    files.set(fileKey, (files.get(fileKey) ?? 0) + us);
  }
  const busy = total - (files.get('(idle)') ?? 0);
  const rank = (m) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => ({ key: k, ms: us / 1000, pct: (100 * us) / Math.max(1, total) }));
  return {
    totalMs: total / 1000,
    busyMs: busy / 1000,
    functions: rank(fns).map((f) => ({ name: f.key.split('|')[0], where: f.key.split('|')[1], ms: f.ms, pct: f.pct })),
    files: rank(files).map((f) => ({ where: f.key, ms: f.ms, pct: f.pct })),
  };
}

/**
 * Profiles a running Node process over a window only (e.g. the minute after the uplink came back): SIGUSR1
 * opens its inspector (the process prints "Debugger listening on ws://…" on stderr, read with `stderr()`),
 * then Profiler.start over the DevTools protocol; `stop()` writes the .cpuprofile to `file`. Start the
 * process with `--inspect-port=0` so that several can be profiled at once.
 */
async function profileWindow(pid, stderr, file) {
  const WebSocket = require('ws');
  process.kill(pid, 'SIGUSR1');
  const end = Date.now() + 10_000;
  let url = null;
  while (!url && Date.now() < end) {
    url = [...stderr().matchAll(/Debugger listening on (ws:\/\/\S+)/g)].at(-1)?.[1] ?? null;
    if (!url) await new Promise((r) => setTimeout(r, 50));
  }
  if (!url) throw new Error(`no inspector from process ${pid}`);
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  let seq = 0;
  const waiting = new Map();
  ws.on('message', (data) => {
    const msg = JSON.parse(data.toString());
    if (waiting.has(msg.id)) waiting.get(msg.id)(msg.result), waiting.delete(msg.id);
  });
  const call = (method, params = {}) => new Promise((resolve) => (waiting.set(++seq, resolve), ws.send(JSON.stringify({ id: seq, method, params }))));
  await call('Profiler.enable');
  await call('Profiler.start');
  return {
    stop: async () => {
      const { profile } = await call('Profiler.stop');
      require('node:fs').writeFileSync(file, JSON.stringify(profile));
      ws.close();
      return file;
    },
  };
}

/** A summary's files and functions as indented lines: share of the busy time, name, where. */
const profileLines = (p) => [...p.files, ...p.functions].map((f) => `  ${f.pct.toFixed(1).padStart(5)} %  ${f.name ? `${f.name}  ` : ''}${f.where}`).join('\n');

module.exports = { summarizeProfile, profileWindow, profileLines };

if (require.main === module) {
  const s = summarizeProfile(process.argv[2], Number(process.argv[3] ?? 25));
  console.log(`total ${s.totalMs.toFixed(0)} ms, busy ${s.busyMs.toFixed(0)} ms`);
  for (const f of s.functions) console.log(`${f.pct.toFixed(1).padStart(5)}% ${f.ms.toFixed(0).padStart(7)} ms  ${f.name}  ${f.where}`);
  console.log('--- by package/file');
  for (const f of s.files) console.log(`${f.pct.toFixed(1).padStart(5)}% ${f.ms.toFixed(0).padStart(7)} ms  ${f.where}`);
}