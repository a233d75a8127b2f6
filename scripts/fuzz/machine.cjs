'use strict';
/** The machine line of the fuzz reports in docs/RELIABILITY.md (the LAN fuzz and the relay fuzz). */
const { readFileSync } = require('node:fs');
const os = require('node:os');

function machine() {
  const cpu = (/model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8')) || [])[1] || '?';
  return `${os.cpus().length} × ${cpu.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${os.type()} ${os.release()}`;
}

module.exports = { machine };
