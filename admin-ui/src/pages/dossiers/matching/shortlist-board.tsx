import { CalendarOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Col, Empty, Flex, Popconfirm, Progress, Row, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../../components/format';
import { Place, Price } from '../../annonces/parts';
import { SHORTLIST_COLORS, SHORTLIST_STATUSES, type ShortlistEntry, type ShortlistStatus } from './api';
import { ExplanationList } from './results';
import { VisitModal } from './visit-form';

export interface MoveRequest {
  entry: ShortlistEntry;
  status: ShortlistStatus;
  rejectOthers?: boolean;
}

const OPEN: ShortlistStatus[] = ['SHORTLISTED', 'PROPOSED', 'VISITED'];

function EntryCard({
  entry,
  entries,
  canRun,
  canVisit,
  busy,
  onMove,
  onVisit,
}: {
  entry: ShortlistEntry;
  entries: ShortlistEntry[];
  canRun: boolean;
  canVisit: boolean;
  busy: boolean;
  onMove: (m: MoveRequest) => void;
  onVisit: (e: ShortlistEntry) => void;
}) {
  const { t } = useTranslation('annonces');
  const [why, setWhy] = useState(false);
  const othersOpen = entries.some((o) => o.id !== entry.id && OPEN.includes(o.status));
  return (
    <Card size="small" data-testid="shortlist-entry" data-id={entry.id} data-status={entry.status}>
      <Flex vertical gap={4}>
        <Typography.Text strong ellipsis>
          {entry.annonce ? <Link to={`/annonces/show/${entry.annonceId}`}>{entry.annonce.title}</Link> : '—'}
        </Typography.Text>
        {entry.annonce ? (
          <>
            <Typography.Text>
              <Price annonce={entry.annonce} />
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              <Place annonce={entry.annonce} />
            </Typography.Text>
          </>
        ) : null}
        {entry.score !== null ? (
          <Progress percent={entry.score} size="small" format={(p) => `${p ?? 0}`} style={{ margin: 0 }} />
        ) : null}
        {entry.explanation?.length ? (
          <Button
            type="link"
            size="small"
            style={{ padding: 0, alignSelf: 'flex-start' }}
            onClick={() => setWhy(!why)}
          >
            {why ? t('shortlist.hideWhy') : t('shortlist.why')}
          </Button>
        ) : null}
        {why && entry.explanation ? <ExplanationList lines={entry.explanation} /> : null}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('shortlist.since', { date: formatDateTime(entry.statusChangedAt) })}
        </Typography.Text>
        {canRun ? (
          <Flex gap={4} wrap>
            {entry.next.map((to) => (
              <Button
                key={to}
                size="small"
                danger={to === 'REJECTED'}
                type={to === 'SELECTED' ? 'primary' : 'default'}
                loading={busy}
                onClick={() => onMove({ entry, status: to as ShortlistStatus })}
                data-testid={`shortlist-move-${to}`}
              >
                {t(`shortlist.action.${to}`)}
              </Button>
            ))}
            {entry.next.includes('SELECTED') && othersOpen ? (
              <Popconfirm
                title={t('shortlist.selectRejectConfirm')}
                okText={t('shortlist.confirm')}
                cancelText={t('visit.cancel')}
                onConfirm={() => onMove({ entry, status: 'SELECTED', rejectOthers: true })}
              >
                <Button size="small" loading={busy} data-testid="shortlist-select-reject">
                  {t('shortlist.selectReject')}
                </Button>
              </Popconfirm>
            ) : null}
          </Flex>
        ) : null}
        {canVisit && OPEN.includes(entry.status) ? (
          <Button
            size="small"
            icon={<CalendarOutlined />}
            onClick={() => onVisit(entry)}
            style={{ alignSelf: 'flex-start' }}
            data-testid="shortlist-visit"
          >
            {t('shortlist.planVisit')}
          </Button>
        ) : null}
      </Flex>
    </Card>
  );
}

/** The dossier's shortlist as one column per status, each entry with its allowed next statuses. */
export function ShortlistBoard({
  dossierId,
  entries,
  canRun,
  canVisit,
  busy,
  onMove,
  onVisited,
}: {
  dossierId: string;
  entries: ShortlistEntry[];
  canRun: boolean;
  canVisit: boolean;
  busy: string | null;
  onMove: (m: MoveRequest) => void;
  onVisited: () => void;
}) {
  const { t } = useTranslation('annonces');
  const [visiting, setVisiting] = useState<ShortlistEntry | null>(null);
  return (
    <>
      <Row gutter={[12, 12]} wrap={false} style={{ overflowX: 'auto' }} data-testid="shortlist-board">
        {SHORTLIST_STATUSES.map((status) => {
          const column = entries.filter((e) => e.status === status);
          return (
            <Col key={status} flex="1 0 220px" data-testid={`shortlist-column-${status}`}>
              <Card
                size="small"
                styles={{ body: { background: 'rgba(0,0,0,0.02)', minHeight: 120 } }}
                title={
                  <Flex gap={8} align="center">
                    <Badge color={SHORTLIST_COLORS[status]} />
                    {t(`shortlist.status.${status}`)}
                    <Typography.Text type="secondary">({column.length})</Typography.Text>
                  </Flex>
                }
              >
                <Flex vertical gap={8}>
                  {column.length ? (
                    column.map((e) => (
                      <EntryCard
                        key={e.id}
                        entry={e}
                        entries={entries}
                        canRun={canRun}
                        canVisit={canVisit}
                        busy={busy === e.id}
                        onMove={onMove}
                        onVisit={setVisiting}
                      />
                    ))
                  ) : (
                    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('shortlist.emptyColumn')} />
                  )}
                </Flex>
              </Card>
            </Col>
          );
        })}
      </Row>
      {visiting ? (
        <VisitModal
          dossierId={dossierId}
          entry={visiting}
          onClose={(booked) => {
            setVisiting(null);
            if (booked) onVisited();
          }}
        />
      ) : null}
    </>
  );
}
