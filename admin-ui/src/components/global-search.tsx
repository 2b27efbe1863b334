import { SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Input, Modal, Typography, theme, type InputRef } from 'antd';
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { hasPermission } from '../providers/access-control';
import { api, ok, type Reply } from '../api/client';
import { formatNumber } from './format';
import './global-search.css';

type SearchItem = Reply<'/api/v1/search', 'get'>['groups'][number]['items'][number];

/** The permissions that open the search (the server answers each kind only with its own). */
const READERS = ['CRM_CONTACTS_VIEW', 'CRM_DEALS_VIEW', 'CRM_ANNONCES_VIEW', 'COOP_ADMIN'];
const MAX_LENGTH = 100;
const DEBOUNCE_MS = 250;
const PER_KIND = 5;
const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.userAgent);

/** The typed text once the user paused typing. */
function useDebounced(value: string, ms: number): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/**
 * The header's search box: a button (and Ctrl/Cmd+K anywhere) opens a dialog whose input searches
 * contacts, dossiers, accounts, listings and coop members at once; results come grouped by kind, the
 * arrows move through them and Enter opens the record (a combobox over a listbox, for screen readers).
 */
export function GlobalSearch({ compact }: { compact: boolean }) {
  const { t } = useTranslation('search');
  const { token } = theme.useToken();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  // The option the arrows chose (-1: none yet, Enter opens the first).
  const [active, setActive] = useState(-1);
  const inputRef = useRef<InputRef>(null);
  const listId = useId();
  const allowed = READERS.some(hasPermission);

  useEffect(() => {
    if (!allowed) return;
    const onKey = (e: globalThis.KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [allowed]);

  const q = useDebounced(text.trim(), DEBOUNCE_MS);
  const searchable = /[\p{L}\p{N}]/u.test(q) && q.length <= MAX_LENGTH;
  const result = useQuery({
    queryKey: ['search', q],
    // Keyed by q: an answer to an older text is never shown for the newer one.
    queryFn: () => ok(api.GET('/api/v1/search', { params: { query: { q, limit: PER_KIND } } })),
    enabled: open && searchable,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
  const groups = useMemo(
    () => (searchable ? (result.data?.groups ?? []).filter((g) => g.items.length > 0) : []),
    [result.data, searchable],
  );
  const items = useMemo(() => groups.flatMap((g) => g.items), [groups]);
  useEffect(() => setActive(-1), [items]);
  useEffect(() => {
    if (active >= 0)
      document.getElementById(`${listId}-option-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active, listId]);

  const close = () => {
    setOpen(false);
    setText('');
  };
  const go = (item: SearchItem | undefined) => {
    if (!item) return;
    close();
    void navigate(item.href);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (!items.length) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const down = e.key === 'ArrowDown';
      setActive((i) =>
        i < 0 ? (down ? 0 : items.length - 1) : (i + (down ? 1 : -1) + items.length) % items.length,
      );
    } else if (e.key === 'Enter') {
      e.preventDefault();
      go(items[Math.max(active, 0)]);
    }
  };

  if (!allowed) return null;
  const optionId = (i: number) => `${listId}-option-${i}`;
  const expanded = groups.length > 0;
  let status: string | null = null;
  if (text.trim().length > MAX_LENGTH) status = t('tooLong', { max: MAX_LENGTH });
  else if (q && !searchable) status = t('typeMore');
  else if (result.isError) status = t('failed');
  else if (searchable && result.isFetched && !result.isPlaceholderData && !groups.length)
    status = t('empty', { q });

  let index = -1;
  return (
    <>
      <Button
        icon={<SearchOutlined />}
        aria-label={compact ? t('open') : undefined}
        aria-keyshortcuts="Control+K Meta+K"
        data-testid="global-search-open"
        onClick={() => setOpen(true)}
      >
        {compact ? null : (
          <>
            {t('open')}
            {/* Key caps, not words: the same in every language. */}
            <Typography.Text type="secondary" keyboard className="global-search-shortcut">
              {IS_MAC ? '⌘ K' : 'Ctrl K'}
            </Typography.Text>
          </>
        )}
      </Button>
      <Modal
        open={open}
        title={t('title')}
        footer={null}
        onCancel={close}
        destroyOnHidden
        width={640}
        className="global-search-modal"
        afterOpenChange={(visible) => visible && inputRef.current?.focus()}
      >
        <Input
          ref={inputRef}
          size="large"
          allowClear
          prefix={<SearchOutlined aria-hidden />}
          value={text}
          maxLength={MAX_LENGTH + 1}
          placeholder={t('placeholder')}
          aria-label={t('label')}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={expanded ? listId : undefined}
          aria-activedescendant={expanded && items[active] ? optionId(active) : undefined}
          aria-describedby={`${listId}-hint`}
          data-testid="global-search-input"
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <Typography.Text type="secondary" id={`${listId}-hint`} className="global-search-hint">
          {t('hint')}
        </Typography.Text>
        <div role="status" aria-live="polite" className="global-search-status">
          {status}
        </div>
        {expanded ? (
          <div id={listId} role="listbox" aria-label={t('results')} className="global-search-results">
            {groups.map((group) => (
              <div key={group.kind} role="group" aria-labelledby={`${listId}-${group.kind}`}>
                <div
                  id={`${listId}-${group.kind}`}
                  className="global-search-group"
                  style={{ color: token.colorTextSecondary }}
                >
                  {t(`kinds.${group.kind}`)}
                  <span className="global-search-count">
                    {group.total > group.items.length
                      ? t('total', {
                          shown: formatNumber(group.items.length),
                          total: formatNumber(group.total),
                        })
                      : formatNumber(group.total)}
                  </span>
                </div>
                {group.items.map((item) => {
                  index += 1;
                  const i = index;
                  const selected = i === active;
                  return (
                    <div
                      key={item.id}
                      id={optionId(i)}
                      role="option"
                      aria-selected={selected}
                      data-testid="global-search-option"
                      className="global-search-option"
                      style={selected ? { background: token.controlItemBgActive } : undefined}
                      onMouseEnter={() => setActive(i)}
                      onClick={() => go(item)}
                    >
                      <span className="global-search-title">{item.title}</span>
                      {item.subtitle ? (
                        <span className="global-search-subtitle" style={{ color: token.colorTextSecondary }}>
                          {item.subtitle}
                        </span>
                      ) : null}
                    </div>
                  );
                })}
              </div>
            ))}
          </div>
        ) : null}
      </Modal>
    </>
  );
}
