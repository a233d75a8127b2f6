import { useState } from 'react';
import { CONTROL_TOKEN_HEADER } from '../../src-shared/control';
import { publishHref, type PublishResponse } from '../../src-shared/endpoints';
import { pageToken } from '../ui/token';
import { postJson } from '../ui/post-json';
import { getLocale, t } from '../ui/i18n';

type State = { status: 'idle' } | { status: 'busy' } | { status: 'done'; page: string; folder: string } | { status: 'failed'; error: string };

/**
 * "Publish the record": the host writes the meeting's published pages into the data folder's
 * `published/` site (POST /publish/<id>) and this says where. Publishing again rewrites the same pages.
 */
export function PublishRecord({ sessionId, title }: { sessionId: string; title: string }) {
  const [state, setState] = useState<State>({ status: 'idle' });
  const publish = async () => {
    setState({ status: 'busy' });
    const answer = await postJson(publishHref(sessionId, getLocale()), {}, { [CONTROL_TOKEN_HEADER]: pageToken() });
    const body = answer.reached ? (answer.body as PublishResponse | null) : null;
    if (body?.ok) setState({ status: 'done', page: body.page, folder: body.folder });
    else setState({ status: 'failed', error: body && !body.ok ? body.error : answer.reached ? answer.statusText : t('console.archiveError') });
  };
  return (
    <div className="publish-record">
      <button type="button" disabled={state.status === 'busy'} aria-label={t('console.publishRecordLabel', { title })} onClick={() => void publish()}>
        {state.status === 'busy' ? t('console.publishing') : t('console.publishRecord')}
      </button>
      <p role="status" className="user-text">
        {state.status === 'done' ? t('console.publishedTo', { page: state.page, folder: state.folder }) : null}
        {state.status === 'failed' ? t('console.publishFailed', { error: state.error }) : null}
      </p>
    </div>
  );
}
