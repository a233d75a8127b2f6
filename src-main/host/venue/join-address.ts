import type { AddressChoice } from '../../../src-shared/venue.js';
import { LOOPBACK_CHOICE, type RankedAddresses } from '../net/addresses.js';
import { initialChoice, readVenueSettings, rememberChoice, writeVenueSettings, type VenueSettings } from './settings.js';

/** The ranked choices plus the address given on the command line, if the table lacks it; never empty. */
function withGiven(ranked: RankedAddresses, explicit: string | undefined): AddressChoice[] {
  const choices = [...ranked.choices];
  if (explicit !== undefined && !choices.some((c) => c.address === explicit)) {
    const loopback = /^127\./.test(explicit);
    choices.push({
      ...(loopback ? LOOPBACK_CHOICE : { interface: 'given', kind: 'other' as const, defaultRoute: false }),
      address: explicit,
      network: `given ${explicit}`,
    });
  }
  if (choices.length === 0) choices.push(LOOPBACK_CHOICE);
  return choices;
}

const sameChoices = (a: AddressChoice[], b: AddressChoice[]) => JSON.stringify(a) === JSON.stringify(b);

interface JoinAddressOptions {
  dataDir: string;
  explicitAddress: string | undefined;
  read: () => Promise<RankedAddresses>;
  refreshEveryMs: number;
  now: () => number;
}

/** The addresses phones might use and the one in the QR: ranked, remembered per network, read again. */
export class JoinAddress {
  /** The address in the QR was picked by a person (command line or console), not by the ranking. */
  private picked: boolean;
  private lastRead: number;
  private reading: Promise<boolean> | null = null;
  private choicesNow: AddressChoice[];
  private address: string;

  private constructor(
    private readonly opts: JoinAddressOptions,
    private ranked: RankedAddresses,
    private settings: VenueSettings,
  ) {
    this.choicesNow = withGiven(ranked, opts.explicitAddress);
    this.address = (initialChoice(this.choicesNow, settings, opts.explicitAddress) ?? this.choicesNow[0]!).address;
    this.picked = opts.explicitAddress !== undefined;
    this.lastRead = opts.now();
  }

  static async read(opts: JoinAddressOptions): Promise<JoinAddress> {
    const ranked = await opts.read();
    return new JoinAddress(opts, ranked, readVenueSettings(opts.dataDir));
  }

  get choices(): AddressChoice[] {
    return this.choicesNow;
  }

  get ipv6Only(): boolean {
    return this.ranked.ipv6Only;
  }

  get joinAddress(): string {
    return this.address;
  }

  choose(address: string): boolean {
    const choice = this.choicesNow.find((c) => c.address === address);
    if (!choice) return false;
    this.address = address;
    this.picked = true;
    this.settings = rememberChoice(this.settings, choice);
    try {
      writeVenueSettings(this.opts.dataDir, this.settings);
    } catch {
      // Not remembering is an inconvenience, never a reason to refuse the change.
    }
    return true;
  }

  refresh(): Promise<boolean> {
    if (this.reading) return this.reading;
    if (this.opts.now() - this.lastRead < this.opts.refreshEveryMs) return Promise.resolve(false);
    this.lastRead = this.opts.now();
    this.reading = this.readAgain().finally(() => {
      this.reading = null;
    });
    return this.reading;
  }

  private async readAgain(): Promise<boolean> {
    const next = await this.opts.read();
    const nextChoices = withGiven(next, this.opts.explicitAddress);
    const before = this.address;
    const listChanged = !sameChoices(this.choicesNow, nextChoices) || next.ipv6Only !== this.ranked.ipv6Only;
    this.ranked = next;
    this.choicesNow = nextChoices;
    const current = this.choicesNow.find((c) => c.address === this.address);
    if (!current || (current.kind === 'loopback' && !this.picked)) {
      this.address = (initialChoice(this.choicesNow, this.settings) ?? this.choicesNow[0]!).address;
      if (!current) this.picked = false;
    }
    return listChanged || this.address !== before;
  }
}
