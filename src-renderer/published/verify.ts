import { verifyPublicRecord, type PublicCheck } from '../../src-shared/publish/public-chain';

/**
 * verify.html's script (bundled into the published folder as verify.js): checks record.json's hash
 * chain in the browser and says intact or altered. Over http(s) it loads the record beside the page;
 * from file://, where a page may not read other files, the visitor picks or drops the file. The words
 * come from the page's data attributes (the page is written in the meeting's language).
 */
const box = document.getElementById('verify');
const result = document.getElementById('verify-result');
const picker = document.getElementById('record-file') as HTMLInputElement | null;

const words = (key: string, vars: Record<string, string | number> = {}): string =>
  (box?.getAttribute(`data-${key}`) ?? key).replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => String(vars[name] ?? whole));

function show(text: string, state: 'intact' | 'altered' | 'info'): void {
  if (!result) return;
  result.textContent = text;
  result.className = state;
  result.dataset.state = state;
}

function report(check: PublicCheck): void {
  if (check.ok) return show(words('intact', { count: check.entries }), 'intact');
  if (check.badSeq === null) return show(words('not-record'), 'altered');
  show(words('altered', { seq: check.badSeq, reason: words(`reason-${check.reason}`) }), 'altered');
}

function checkText(text: string): void {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return show(words('not-record'), 'altered');
  }
  report(verifyPublicRecord(json));
}

async function checkFile(file: File | undefined): Promise<void> {
  if (file) checkText(await file.text());
}

picker?.addEventListener('change', () => void checkFile(picker.files?.[0]));
document.addEventListener('dragover', (e) => e.preventDefault());
document.addEventListener('drop', (e) => {
  e.preventDefault();
  void checkFile(e.dataTransfer?.files[0]);
});

if (location.protocol === 'http:' || location.protocol === 'https:') {
  show(words('loading'), 'info');
  fetch('record.json', { cache: 'no-store' })
    .then(async (res) => (res.ok ? checkText(await res.text()) : show(words('fetch-failed'), 'info')))
    .catch(() => show(words('fetch-failed'), 'info'));
} else {
  show(words('fetch-failed'), 'info');
}
