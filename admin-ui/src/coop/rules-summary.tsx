import { Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDuration } from './duration';
import { formatBasisPoints, formatCents } from './money';
import type { GroupRules } from './types';

/** The group's rules in words: "1 % par 30 jours, au plus 12 fois". */
export function RulesSummary({ rules }: { rules: GroupRules }) {
  const { t } = useTranslation('coop');
  const p = rules.penalty;
  const penalty = !p
    ? t('rules.none')
    : p.kind === 'FIXED'
      ? t('rules.fixedSummary', {
          amount: formatCents(p.amount),
          every: formatDuration(p.every),
          max: p.maxPeriods,
        })
      : t('rules.percentSummary', {
          rate: formatBasisPoints(p.rateBp),
          every: formatDuration(p.every),
          max: p.maxPeriods,
        });
  const indexation = rules.indexation
    ? t('rules.indexationSummary', {
        rate: formatBasisPoints(rules.indexation.rateBp),
        every: formatDuration(rules.indexation.every),
      })
    : t('rules.none');
  const cutOff = rules.allocation.cutOffDay
    ? t('rules.cutOffSummary', { day: rules.allocation.cutOffDay })
    : t('rules.cutOffNone');
  return (
    <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 4 }} data-testid="rules-summary">
      <Descriptions.Item label={t('rules.order')}>{t('rules.fifo')}</Descriptions.Item>
      <Descriptions.Item label={t('rules.preferences')}>
        {rules.allocation.usePreferences ? t('common.yes') : t('common.no')}
      </Descriptions.Item>
      <Descriptions.Item label={t('rules.cutOff')}>{cutOff}</Descriptions.Item>
      <Descriptions.Item label={t('rules.indexation')}>{indexation}</Descriptions.Item>
      <Descriptions.Item label={t('rules.penalty')}>{penalty}</Descriptions.Item>
      <Descriptions.Item label={t('rules.grace')}>{formatDuration(rules.grace)}</Descriptions.Item>
      <Descriptions.Item label={t('rules.callAhead')}>
        {`${formatDuration(rules.callAhead)} ${t('rules.callAheadSuffix')}`}
      </Descriptions.Item>
      <Descriptions.Item label={t('rules.reminderBefore')}>
        {rules.reminderBefore
          ? `${formatDuration(rules.reminderBefore)} ${t('rules.callAheadSuffix')}`
          : t('rules.reminderNone')}
      </Descriptions.Item>
    </Descriptions>
  );
}
