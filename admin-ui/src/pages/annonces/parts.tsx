import { EnvironmentOutlined } from '@ant-design/icons';
import { Card, Flex, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDictionary } from '../../components/dictionary';
import { formatMoney, formatNumber } from '../../components/format';
import { toEuros, type Annonce } from './types';

const STATUS_COLORS: Record<string, string> = {
  AVAILABLE: 'green',
  UNDER_OFFER: 'orange',
  SOLD: 'purple',
  RENTED: 'purple',
  WITHDRAWN: 'default',
};

/** A listing status (CASE_STATUS entries of the ANNONCE workflow) as a coloured tag. */
export function AnnonceStatusTag({ code }: { code: string | null | undefined }) {
  const { label } = useDictionary('CASE_STATUS');
  if (!code) return <>—</>;
  return (
    <Tag color={STATUS_COLORS[code] ?? 'blue'} data-status={code}>
      {label(code)}
    </Tag>
  );
}

/** "312 000 €" or "1 500 € /mois". */
export function Price({ annonce }: { annonce: Pick<Annonce, 'priceCents' | 'transaction'> }) {
  const { t } = useTranslation('annonces');
  return (
    <span data-testid="annonce-price">
      {formatMoney(toEuros(annonce.priceCents))}
      {annonce.transaction === 'RENT' ? ` ${t('card.perMonth')}` : ''}
    </span>
  );
}

/** "75 m² · 4 pièces · 3 chambres" (only what is known). */
export function Dimensions({ annonce }: { annonce: Annonce }) {
  const { t } = useTranslation('annonces');
  const parts = [
    annonce.surface !== null ? `${formatNumber(annonce.surface, 1)} m²` : null,
    annonce.rooms !== null ? t('card.rooms', { count: annonce.rooms }) : null,
    annonce.bedrooms !== null ? t('card.bedrooms', { count: annonce.bedrooms }) : null,
  ].filter(Boolean);
  return <>{parts.length ? parts.join(' · ') : '—'}</>;
}

/** City, then the zone label when there is one. */
export function Place({ annonce }: { annonce: Annonce }) {
  const zones = useDictionary('ZONE');
  return (
    <span>
      <EnvironmentOutlined /> {annonce.city}
      {annonce.zoneCode ? ` · ${zones.label(annonce.zoneCode)}` : ''}
    </span>
  );
}

export function FeatureChips({ codes }: { codes: string[] }) {
  const features = useDictionary('FEATURE');
  if (!codes.length) return null;
  return (
    <Flex gap={4} wrap>
      {codes.map((c) => (
        <Tag key={c} bordered={false} color="geekblue">
          {features.label(c)}
        </Tag>
      ))}
    </Flex>
  );
}

/** A listing as a card: title, price, dimensions, place, status and features. */
export function AnnonceCard({
  annonce,
  extra,
  footer,
}: {
  annonce: Annonce;
  extra?: ReactNode;
  footer?: ReactNode;
}) {
  const types = useDictionary('PROPERTY_TYPE');
  return (
    <Card
      size="small"
      data-testid="annonce-card"
      data-id={annonce.id}
      title={
        <Link to={`/annonces/show/${annonce.id}`} title={annonce.title}>
          {annonce.title}
        </Link>
      }
      extra={extra ?? <AnnonceStatusTag code={annonce.statusCode} />}
      style={{ height: '100%' }}
    >
      <Flex vertical gap={6}>
        <Typography.Text strong style={{ fontSize: 18 }}>
          <Price annonce={annonce} />
        </Typography.Text>
        <Typography.Text>
          {annonce.propertyType ? `${types.label(annonce.propertyType)} · ` : ''}
          <Dimensions annonce={annonce} />
        </Typography.Text>
        <Typography.Text type="secondary">
          <Place annonce={annonce} />
        </Typography.Text>
        <FeatureChips codes={annonce.features} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {annonce.reference}
        </Typography.Text>
        {footer}
      </Flex>
    </Card>
  );
}
