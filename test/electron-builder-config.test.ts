import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

/**
 * electron-builder.yml, loaded and validated by electron-builder itself (its config loader and its JSON
 * schema, app-builder-lib/scheme.json, through the same validator `electron-builder` runs before a build).
 * Packaging cannot run here (it downloads Electron), so this is what keeps the config honest.
 */
const ROOT = join(__dirname, '..');
const requireFromBuilder = createRequire(require.resolve('electron-builder/package.json'));

interface BuilderConfig {
  directories?: { buildResources?: string; output?: string };
  icon?: string;
  files?: unknown;
  asarUnpack?: string[];
  npmRebuild?: boolean;
  linux?: { target?: string[] };
  mac?: { target?: string[] };
  win?: { target?: string[] };
}

async function loadConfig(): Promise<BuilderConfig> {
  const { getConfig } = requireFromBuilder('app-builder-lib/out/util/config/config.js') as {
    getConfig(projectDir: string, configPath: string | null): Promise<BuilderConfig>;
  };
  return getConfig(ROOT, null);
}

async function validate(config: unknown): Promise<void> {
  const { validateConfiguration } = requireFromBuilder('app-builder-lib/out/util/config/config.js') as {
    validateConfiguration(config: unknown, debug: { isEnabled: boolean; add(): void }): Promise<void>;
  };
  await validateConfiguration(config, { isEnabled: false, add: () => {} });
}

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema', async () => {
    await expect(validate(await loadConfig())).resolves.toBeUndefined();
  });

  it('the validator does reject a wrong config (the check is real)', async () => {
    await expect(validate({ ...(await loadConfig()), linux: { target: 42, noSuchOption: true } })).rejects.toThrow(/Invalid configuration/);
  });

  it('builds AppImage + deb, dmg and nsis, rebuilds better-sqlite3 and keeps it out of the asar', async () => {
    const config = await loadConfig();
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.mac?.target).toEqual(['dmg']);
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.npmRebuild).toBe(true);
    expect(config.asarUnpack?.some((p) => p.includes('better-sqlite3'))).toBe(true);
    expect(JSON.stringify(config.files)).toContain('"out/**/*"');
    expect(config.directories?.buildResources).toBe('resources');
  });

  it('has a 512×512 RGBA PNG icon in resources/', async () => {
    const config = await loadConfig();
    const png = readFileSync(join(ROOT, config.icon!));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.toString('ascii', 12, 16)).toBe('IHDR');
    expect(png.readUInt32BE(16)).toBe(512);
    expect(png.readUInt32BE(20)).toBe(512);
    expect(png[25]).toBe(6); // RGBA
    // The image data decompresses to 512 rows of a filter byte + 512 RGBA pixels.
    const idat = png.indexOf('IDAT');
    const length = png.readUInt32BE(idat - 4);
    expect(inflateSync(png.subarray(idat + 4, idat + 4 + length)).length).toBe(512 * (512 * 4 + 1));
  });

  it('package.json has no "type": "module" (the preloads must come out as CommonJS)', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { type?: string; main?: string };
    expect(pkg.type).toBeUndefined();
    expect(pkg.main).toBe('out/main/index.js');
  });
});
