import { STATUS_LABELS } from '../ui/status-labels';
import type { MyItem } from './phone-view';

export function myItemLabel(state: MyItem['state']): string {
  switch (state) {
    case 'sending':
      return 'Waiting to send';
    case 'sent':
      return 'Sent';
    case 'rejected':
      return 'Not accepted';
    case 'withdrawing':
      return 'Withdrawing…';
    default:
      return STATUS_LABELS[state];
  }
}
