/**
 * Downloads: a list as CSV or XLSX (plain links: the browser streams the file to disk itself), and
 * the SAF-T file with a progress bar — read as it arrives, its `<Line>` elements counted against
 * the `X-Saft-Lines` the server announces, written straight to a file where the browser lets us
 * choose one (showSaveFilePicker), else kept until complete and handed over as one download.
 */
import { useState } from 'react';
import { API_BASE, ApiError, type Problem } from '../api/client.js';

/** A download's address: the list's or the file's path under the accountant API (the browser follows it itself). */
const apiUrl = (path: string): string => `${API_BASE}${path}`;
import { useI18n } from '../i18n/i18n.js';
import { Button } from './Button.js';
import { useListSearch } from './SearchBox.js';
import { ProblemMessage } from './Feedback.js';

/**
 * «CSV» and «Excel» links to a list's `/export`, with the list's filters, the search in the URL
 * (`?sok=`, sent as `q`: the file holds what the list shows) and the UI's language.
 */
export function ExportLinks({
  path,
  query = {},
  label,
}: {
  path: string;
  query?: Record<string, string | undefined>;
  label: string;
}) {
  const { t, lang } = useI18n();
  const search = useListSearch();
  const href = (format: 'csv' | 'xlsx') => {
    const params = new URLSearchParams({ format, lang });
    if (search) params.set('q', search);
    for (const [k, v] of Object.entries(query)) if (v) params.set(k, v);
    return `${apiUrl(path)}?${params}`;
  };
  return (
    <div className="export-links" role="group" aria-label={t('export.group', { list: label })}>
      <a className="btn btn-secondary btn-sm" href={href('csv')} download>
        {t('export.csv')}
      </a>
      <a className="btn btn-secondary btn-sm" href={href('xlsx')} download>
        {t('export.xlsx')}
      </a>
    </div>
  );
}

type SavePicker = (options: { suggestedName: string }) => Promise<{
  createWritable(): Promise<{
    write(chunk: Uint8Array): Promise<void>;
    close(): Promise<void>;
    abort(): Promise<void>;
  }>;
}>;

const LINE_END = '</Line>';

/** Counts `</Line>` in a text that arrives in pieces (an element may be split between two). */
function lineCounter() {
  let tail = '';
  return (text: string): number => {
    const joined = tail + text;
    let n = 0;
    for (let i = joined.indexOf(LINE_END); i >= 0; i = joined.indexOf(LINE_END, i + LINE_END.length)) n++;
    tail = joined.slice(-(LINE_END.length - 1));
    return n;
  };
}

export function SaftDownload({ companyId }: { companyId: string }) {
  const { t } = useI18n();
  const year = new Date().getFullYear();
  const [from, setFrom] = useState(`${year}-01-01`);
  const [to, setTo] = useState(`${year}-12-31`);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [finished, setFinished] = useState<string | null>(null);

  const start = async () => {
    setError(null);
    setFinished(null);
    setProgress({ done: 0, total: 0 });
    try {
      const res = await fetch(`${apiUrl(`/companies/${companyId}/saf-t`)}?${new URLSearchParams({ from, to })}`, {
        credentials: 'same-origin',
      });
      if (!res.ok) {
        const body = await res.json().catch(() => null);
        throw new ApiError(res.status, body as Problem | null);
      }
      const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'saf-t.xml';
      const total = Number(res.headers.get('x-saft-lines') ?? 0);
      const picker = (window as unknown as { showSaveFilePicker?: SavePicker }).showSaveFilePicker;
      const file = picker ? await (await picker({ suggestedName: name })).createWritable() : null;
      const kept: Uint8Array[] = [];
      const count = lineCounter();
      const decoder = new TextDecoder();
      const reader = res.body!.getReader();
      let done = 0;
      try {
        for (;;) {
          const chunk = await reader.read();
          if (chunk.done) break;
          done += count(decoder.decode(chunk.value, { stream: true }));
          setProgress({ done, total });
          if (file) await file.write(chunk.value);
          else kept.push(chunk.value);
        }
      } catch (e) {
        await file?.abort();
        throw e;
      }
      if (file) await file.close();
      else {
        const url = URL.createObjectURL(new Blob(kept as BlobPart[], { type: 'application/xml' }));
        const a = document.createElement('a');
        a.href = url;
        a.download = name;
        a.click();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
      }
      setFinished(name);
    } catch (e) {
      if (!(e instanceof DOMException && e.name === 'AbortError')) setError(e);
    } finally {
      setProgress(null);
    }
  };

  const percent = progress && progress.total > 0 ? Math.floor((progress.done / progress.total) * 100) : 0;
  return (
    <section className="panel settings-panel" aria-labelledby="saft-title">
      <header className="panel-header">
        <h2 id="saft-title" className="panel-title">
          {t('saft.title')}
        </h2>
      </header>
      <p className="settings-note">{t('saft.intro')}</p>
      {error !== null && <ProblemMessage error={error} onClose={() => setError(null)} />}
      {finished && (
        <p className="small" role="status">
          {t('saft.done', { file: finished })}
        </p>
      )}
      <div className="settings-form">
        <div className="field">
          <label htmlFor="saft-from">{t('saft.from')}</label>
          <input id="saft-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="saft-to">{t('saft.to')}</label>
          <input id="saft-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </div>
        <div className="settings-footer">
          <Button variant="primary" busy={progress !== null} disabled={!from || !to || from > to} onClick={start}>
            {t('saft.download')}
          </Button>
        </div>
        {progress !== null && (
          <div className="saft-progress">
            <progress max={100} value={percent} aria-labelledby="saft-progress-label" />
            <span id="saft-progress-label" className="small" role="status">
              {t('saft.progress', { done: progress.done, total: progress.total, percent })}
            </span>
          </div>
        )}
      </div>
    </section>
  );
}
