import type { ReactNode } from 'react';
import type { PagedList } from '../app/usePagedList.js';
import { useI18n } from '../i18n/i18n.js';
import { Button } from './Button.js';

/** A screen's heading: the title (labelling the screen by `id`), its intro, and actions on the right. */
export function PageHeader({
  id,
  title,
  intro,
  children,
}: {
  id: string;
  title: string;
  intro?: string;
  children?: ReactNode;
}) {
  return (
    <header className="page-header">
      <div>
        <h1 id={id} className="page-title">
          {title}
        </h1>
        {intro && <p className="page-intro">{intro}</p>}
      </div>
      {children}
    </header>
  );
}

/** «Vis flere» under a server-paged list, while the server has more. */
export function LoadMore<T>({ list }: { list: PagedList<T> }) {
  const { t } = useI18n();
  if (!list.hasMore || list.loading) return null;
  return (
    <div className="load-more">
      <Button onClick={list.loadMore} busy={list.loadingMore}>
        {t('common.loadMore')}
      </Button>
    </div>
  );
}
