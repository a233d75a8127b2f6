'use strict';
/**
 * The relay fuzz's report: the table it prints and writes into docs/RELIABILITY.md, between
 * `<!-- fuzz:relay -->` and `<!-- /fuzz:relay -->` (its own markers, not the LAN fuzz's).
 */
const { readFileSync, writeFileSync, existsSync } = require('node:fs');
const { join } = require('node:path');
const { ROOT } = require('../bench/relay-stack.cjs');
const { mib } = require('../bench/stats.cjs');
const { machine } = require('./machine.cjs');

/** Replaces the `<!-- fuzz:relay -->` … `<!-- /fuzz:relay -->` block (made under its own section the first time). */
function writeReliability(block) {
  const file = join(ROOT, 'docs', 'RELIABILITY.md');
  const begin = '<!-- fuzz:relay -->';
  const end = '<!-- /fuzz:relay -->';
  let doc = existsSync(file) ? readFileSync(file, 'utf8') : '# Reliability\n';
  const a = doc.indexOf(begin);
  const b = doc.indexOf(end);
  const body = `${begin}\n${block.trim()}\n${end}`;
  doc = a >= 0 && b > a ? doc.slice(0, a) + body + doc.slice(b + end.length) : `${doc.trimEnd()}\n\n## Fuzz against the relay (issue 20)\n\nWritten by \`scripts/fuzz-relay.cjs\` (the second half of \`npm run fuzz\`).\n\n${body}\n`;
  writeFileSync(file, doc);
}
const fmt = (v) => (typeof v !== 'number' || Number.isNaN(v) ? '—' : v >= 100 ? v.toFixed(0) : v.toFixed(1));
const stderrOf = (r) => `${(r.stderrBytes / 1024).toFixed(0)} KiB, ${r.stderrLines} lines (${r.authLines} \`[onAuthenticate]\` lines, ${r.stacks} stack traces of undecodable frames)`;

/** The markdown table of one run (`r`: what scripts/fuzz-relay.cjs measured and found). */
function reliabilityBlock(r) {
  const { counts, findings, baseline, during, after, rssBefore, rssAfter, crashed } = r;
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const ratio = during.p95 / baseline.p95;
  const lines = [
    `Last run: ${new Date().toISOString()} on ${machine()}. Redis, two relay instances, the laptop, the good phone and the hostile clients all on this machine; RELAY_FUZZ_SCALE ${r.scale}, deadline ${r.deadlineS} s.`,
    '',
    '| measure | value |',
    '|---|---|',
    `| hostile connections, frames and requests sent | ${total} in ${r.fuzzSeconds.toFixed(0)} s (${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}); from ${r.addresses} loopback addresses |`,
    `| crashes (Redis, relay A, relay B, laptop) | ${crashed.length}${crashed.length ? ` (${crashed.join('; ')})` : ''} |`,
    `| good phone's question text in anything a hostile socket or request received (${(r.receivedBytes / 1024).toFixed(0)} KiB) | ${r.leaked ? '**yes: LEAK**' : 'never'} (the text is in the room's state on the relay at the end: ${r.inRoom === null ? 'could not read it' : r.inRoom ? 'yes' : 'no'}) |`,
    `| bad tokens refused / let in | ${findings.denied} / ${Object.values(findings.authOk).reduce((a, b) => a + b, 0)}${Object.keys(findings.authOk).length ? ` (${Object.entries(findings.authOk).map(([k, v]) => `${k} ${v}`).join(', ')})` : ''} |`,
    `| \`control\` opened by a hostile client; \`board\` opened for write | ${findings.controlOpened}; ${findings.boardWritable} |`,
    `| HTTP: answers to random paths and methods; any other than 404 (besides GET /healthz, POST /api/join and the phone app: GET/HEAD /, /j/…, /sw.js, /api/time) | ${Object.entries(findings.http).map(([k, v]) => `${k}: ${v}`).join(', ')}; ${findings.httpUnexpected.length}${findings.httpUnexpected.length ? ` (${[...new Set(findings.httpUnexpected)].slice(0, 5).join('; ')})` : ''} |`,
    `| junk \`POST /api/join\` answers (0: connection closed by the relay, a body over 1 KiB) | ${Object.entries(findings.joinStatus).map(([k, v]) => `${k}: ${v}`).join(', ')} |`,
    `| oversized frames (5 MiB) that closed their socket | ${findings.oversizedClosed} of ${counts['oversized:frames'] ?? 0} |`,
    `| sockets that never authenticate, closed by the relay within 15 s | ${findings.neverAuthClosed} of ${findings.neverAuthHeld} |`,
    `| 100 sockets from one address: still open after 0.5 s | ${findings.floodOneAddressOpen ?? '—'} (limit 64) |`,
    `| socket close codes seen by hostile clients | ${Object.entries(findings.closes).map(([k, v]) => `${k}: ${v}`).join(', ')} |`,
    `| good phone (relay B, its own process) receipt p95 before / during / after | ${fmt(baseline.p95)} / ${fmt(during.p95)} / ${fmt(after.p95)} ms (${baseline.n} / ${during.n} / ${after.n} receipts; ${during.unanswered + after.unanswered} unanswered; ${after.reconnects} reconnects) |`,
    `| good phone p95 during ÷ before | ${ratio.toFixed(2)} (the LAN fuzz's target ≤ 2) |`,
    `| relay RSS A / B, before / ${r.settleMs / 1000} s after | ${mib(rssBefore[0])} / ${mib(rssBefore[1])} → ${mib(rssAfter[0])} / ${mib(rssAfter[1])} |`,
    `| laptop RSS before / after | ${mib(r.laptopRssBefore)} / ${mib(r.laptopRssAfter)} |`,
    `| what the relays wrote to stderr, A / B | ${stderrOf(r.relayA)} / ${stderrOf(r.relayB)} |`,
  ];
  if (r.errors.length) lines.push('', `Probe errors: ${r.errors.join('; ')}`);
  return lines.join('\n');
}

module.exports = { fmt, reliabilityBlock, writeReliability };
