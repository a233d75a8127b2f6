import { refusalKey } from '../../src-shared/refusals';
import { t } from '../ui/i18n';

/**
 * A refusal the host wrote (in English) in the phone's language, when it is one of the host's known
 * reasons; anything else (a limit named with its number, say) is shown as the host wrote it.
 */
export function reasonText(reason: string): string {
  const key = refusalKey(reason);
  return key ? t(`phone.${key}`) : reason;
}
