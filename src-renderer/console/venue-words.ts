import type { AddressChoice, Advice, InterfaceKind } from '../../src-shared/venue';
import { t } from '../ui/i18n';

/**
 * The venue help in the console's language. `src-shared/venue.ts` keeps the English for `open-floor
 * doctor` (the command line); the console reads the same advice, by id, from the catalogs.
 */
export const interfaceKind = (kind: InterfaceKind): string => t(`console.iface_${kind}`);

export function choiceLabel(c: AddressChoice): string {
  const tags = [interfaceKind(c.kind)];
  if (c.defaultRoute) tags.push(t('console.defaultRouteTag'));
  return `${c.address} — ${c.interface}, ${tags.join(', ')}`;
}

export interface AdviceWords {
  id: Advice['id'];
  title: string;
  text: string;
  steps: string[];
}

export function adviceWords(advice: Advice, port: string): AdviceWords {
  const id = advice.id;
  return {
    id,
    title: t(`console.advice_${id}_title`),
    text: id === 'ipv6' ? t('console.ipv6Only') : t(`console.advice_${id}_text`),
    steps: id === 'firewall' ? [t('console.fw_win32'), t('console.fw_darwin'), t('console.fw_linux', { port })] : [],
  };
}
