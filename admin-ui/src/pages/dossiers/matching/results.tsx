import { CheckCircleFilled, CloseCircleFilled, MinusCircleFilled, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Flex, List, Progress, Row, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Dimensions, Place, Price } from '../../annonces/parts';
import { SHORTLIST_COLORS, STATUS_COLORS, type Explanation, type MatchItem } from './api';

const ICONS = { MATCH: CheckCircleFilled, PARTIAL: MinusCircleFilled, MISS: CloseCircleFilled };
const scoreColor = (score: number) => (score >= 80 ? '#52c41a' : score >= 50 ? '#faad14' : '#ff4d4f');

/** One line per criterion: MATCH green, PARTIAL orange, MISS red, with the server's numbers. */
export function ExplanationList({ lines }: { lines: Explanation[] }) {
  const { t } = useTranslation('annonces');
  return (
    <List
      size="small"
      split={false}
      dataSource={lines}
      data-testid="match-explanation"
      renderItem={(e) => {
        const Icon = ICONS[e.status];
        return (
          <List.Item style={{ padding: '2px 0' }} data-criterion={e.criterion} data-status={e.status}>
            <Typography.Text>
              <Tag color={STATUS_COLORS[e.status]} icon={<Icon />} style={{ minWidth: 120 }}>
                {t(`criterion.${e.criterion}`, { defaultValue: e.criterion })}
              </Tag>
              {e.detail}
            </Typography.Text>
          </List.Item>
        );
      }}
    />
  );
}

/** The ranked matches of a run: score bar, explanation, shortlist badge or "add" button. */
export function MatchResults({
  items,
  canRun,
  adding,
  onAdd,
}: {
  items: MatchItem[];
  canRun: boolean;
  adding: string | null;
  onAdd: (m: MatchItem) => void;
}) {
  const { t } = useTranslation('annonces');
  if (!items.length) return <Empty description={t('matching.noResult')} />;
  return (
    <Flex vertical gap={12} data-testid="match-results">
      {items.map((m, i) => (
        <Card key={m.annonceId} size="small" data-testid="match-item" data-id={m.annonceId}>
          <Row gutter={16} align="top">
            <Col xs={24} lg={9}>
              <Flex vertical gap={4}>
                <Typography.Text strong>
                  {i + 1}. <Link to={`/annonces/show/${m.annonceId}`}>{m.annonce.title}</Link>
                </Typography.Text>
                <Typography.Text style={{ fontSize: 16 }}>
                  <Price annonce={m.annonce} />
                </Typography.Text>
                <Typography.Text>
                  <Dimensions annonce={m.annonce} />
                </Typography.Text>
                <Typography.Text type="secondary">
                  <Place annonce={m.annonce} />
                </Typography.Text>
                <Flex align="center" gap={8} data-testid="match-score" data-score={m.score}>
                  <Typography.Text type="secondary">{t('matching.score')}</Typography.Text>
                  <Progress
                    percent={m.score}
                    strokeColor={scoreColor(m.score)}
                    size="small"
                    style={{ flex: 1, margin: 0 }}
                    format={(p) => `${p ?? 0} / 100`}
                  />
                </Flex>
                {m.shortlist ? (
                  <Tag
                    color={SHORTLIST_COLORS[m.shortlist.status]}
                    data-testid="match-shortlisted"
                    style={{ alignSelf: 'flex-start' }}
                  >
                    {t(`shortlist.badge.${m.shortlist.status}`)}
                  </Tag>
                ) : canRun ? (
                  <Button
                    icon={<PlusOutlined />}
                    size="small"
                    style={{ alignSelf: 'flex-start' }}
                    loading={adding === m.annonceId}
                    onClick={() => onAdd(m)}
                    data-testid="match-add"
                  >
                    {t('matching.add')}
                  </Button>
                ) : null}
              </Flex>
            </Col>
            <Col xs={24} lg={15}>
              <ExplanationList lines={m.explanation} />
            </Col>
          </Row>
        </Card>
      ))}
    </Flex>
  );
}
