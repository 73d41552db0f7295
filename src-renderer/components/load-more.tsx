/** The "Load more" button of a paged list, with the failure of the last attempt; `end` when nothing more follows. */
export function LoadMore(props: { hasMore: boolean; loading: boolean; error: string | null; onMore: () => void; end?: string; testId?: string }) {
  const { hasMore, loading, error, onMore, end, testId } = props;
  return (
    <>
      {hasMore ? (
        <button type="button" onClick={onMore} disabled={loading} data-testid={testId}>
          {loading ? 'Loading…' : 'Load more'}
        </button>
      ) : end === undefined ? null : (
        <p className="muted">{end}</p>
      )}
      {error === null ? null : (
        <p className="notice notice-error" role="alert">
          Could not load more: {error}
        </p>
      )}
    </>
  );
}
