import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { AddressChoice } from '../../../src-shared/venue.js';

/**
 * The facilitator's choice of address, kept across launches per network, in `venue.json` in the data
 * folder. What is remembered is the network (interface name and subnet, e.g. "wlan0 192.168.1.0/24"), not
 * the address, so a new DHCP lease on the same Wi-Fi keeps the choice; the newest choice comes first.
 */

export const VENUE_SETTINGS_FILE = 'venue.json';
const MAX_REMEMBERED = 20;
const MAX_KEY = 300;

const schema = z.object({
  chosenNetworks: z.array(z.string().max(MAX_KEY)).max(MAX_REMEMBERED).default([]),
});
export type VenueSettings = z.infer<typeof schema>;

/** Reads the settings; a missing or unreadable file is the defaults (never an error at startup). */
export function readVenueSettings(dataDir: string): VenueSettings {
  try {
    const parsed = schema.safeParse(JSON.parse(readFileSync(join(dataDir, VENUE_SETTINGS_FILE), 'utf8')));
    return parsed.success ? parsed.data : { chosenNetworks: [] };
  } catch {
    return { chosenNetworks: [] };
  }
}

export function writeVenueSettings(dataDir: string, settings: VenueSettings): void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, VENUE_SETTINGS_FILE);
  writeFileSync(`${path}.tmp`, `${JSON.stringify(settings, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
}

/** The settings after the facilitator picked `choice`: its network moves to the front. */
export function rememberChoice(settings: VenueSettings, choice: AddressChoice): VenueSettings {
  if (choice.network.length > MAX_KEY) return settings; // an absurd interface name is not worth remembering
  const rest = settings.chosenNetworks.filter((n) => n !== choice.network);
  return { chosenNetworks: [choice.network, ...rest].slice(0, MAX_REMEMBERED) };
}

/**
 * Which address goes into the QR at launch: the one given on the command line, else the newest remembered
 * network the laptop is on now, else the best-ranked one. Pure.
 */
export function initialChoice(choices: AddressChoice[], settings: VenueSettings, explicit?: string): AddressChoice | undefined {
  if (explicit !== undefined) return choices.find((c) => c.address === explicit);
  for (const network of settings.chosenNetworks) {
    const found = choices.find((c) => c.network === network);
    if (found) return found;
  }
  return choices[0];
}
