import { statusLabel } from '../ui/status-labels';
import type { MyItem } from './phone-view';
import { t } from '../ui/i18n';

export function myItemLabel(state: MyItem['state']): string {
  switch (state) {
    case 'sending':
      return t('phone.mine_sending');
    case 'sent':
      return t('phone.mine_sent');
    case 'rejected':
      return t('phone.mine_rejected');
    case 'withdrawing':
      return t('phone.mine_withdrawing');
    default:
      return statusLabel(state);
  }
}
