import {
  AntdConfig,
  Builder,
  Query,
  Utils as QbUtils,
  type BuilderProps,
  type Config,
  type Fields,
  type ImmutableTree,
} from '@react-awesome-query-builder/antd';
import '@react-awesome-query-builder/antd/css/styles.css';
import { Alert, Col, Form, Input, Row, Segmented, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lang } from './definition-model';
import {
  guardBuilderFields,
  guardProblems,
  parseRule,
  simplifyLogic,
  type JsonLogicRule,
} from './guard-logic';

export interface GuardValue {
  rule: JsonLogicRule;
  message: { fr?: string; en?: string; ar?: string };
}

function builderConfig(lang: Lang, t: (key: string, o?: { defaultValue?: string }) => string): Config {
  // Every operator stays defined (the JsonLogic import looks them all up); each field offers only its own.
  // The builder's own words (operators, and/or) in the UI language instead of its English defaults.
  const operators = Object.fromEntries(
    Object.entries(AntdConfig.operators).map(([code, op]) => [
      code,
      { ...op, label: t(`guard.ops.${code}`, { defaultValue: op.label }) },
    ]),
  );
  const conjunctions = Object.fromEntries(
    Object.entries(AntdConfig.conjunctions).map(([code, c]) => [
      code,
      { ...c, label: t(`guard.conjunctions.${code}`, { defaultValue: c.label }) },
    ]),
  );
  return {
    ...AntdConfig,
    operators: operators as Config['operators'],
    conjunctions: conjunctions as Config['conjunctions'],
    fields: guardBuilderFields(lang) as unknown as Fields,
    settings: {
      ...AntdConfig.settings,
      showNot: false,
      maxNesting: 3,
      canLeaveEmptyGroup: true,
      addRuleLabel: t('guard.addRule'),
      addGroupLabel: t('guard.addGroup'),
      fieldPlaceholder: t('guard.field'),
      operatorPlaceholder: t('guard.operator'),
      valuePlaceholder: t('guard.value'),
    },
  };
}

const emptyTree = () => QbUtils.loadTree({ id: QbUtils.uuid(), type: 'group' });

/** Loads a rule into the builder; undefined when the builder cannot show it (then the JSON view edits it). */
function treeOf(rule: JsonLogicRule | undefined, config: Config): ImmutableTree | undefined {
  if (!rule) return emptyTree();
  try {
    const [tree, errors] = QbUtils._loadFromJsonLogic(rule, config);
    return tree && errors.length === 0 ? tree : undefined;
  } catch {
    return undefined;
  }
}

interface Props {
  value?: GuardValue;
  onChange?: (value: GuardValue | undefined) => void;
}

/** A guard: JsonLogic built visually over the documented facts, with its raw JSON and its messages. */
export function GuardEditor({ value, onChange }: Props) {
  const { t, i18n } = useTranslation('studio');
  const lang: Lang = i18n.language.startsWith('en') ? 'en' : 'fr';
  const config = useMemo(() => builderConfig(lang, (k) => t(k)), [lang, t]);
  const [tree, setTree] = useState<ImmutableTree | undefined>(() => treeOf(value?.rule, config));
  const [mode, setMode] = useState<'visual' | 'json'>(tree ? 'visual' : 'json');
  const [raw, setRaw] = useState(() => (value?.rule ? JSON.stringify(value.rule, null, 2) : ''));
  const [rawError, setRawError] = useState<string | null>(null);
  const [message, setMessageState] = useState<GuardValue['message']>(() => value?.message ?? {});

  const emit = (rule: JsonLogicRule | undefined, msg = message) => {
    onChange?.(rule ? { rule, message: msg } : undefined);
  };

  const onTree = (next: ImmutableTree, cfg: Config) => {
    setTree(next);
    const rule = simplifyLogic(QbUtils.jsonLogicFormat(next, cfg).logic);
    setRaw(rule ? JSON.stringify(rule, null, 2) : '');
    setRawError(null);
    emit(rule);
  };

  const onRaw = (text: string) => {
    setRaw(text);
    if (!text.trim()) {
      setRawError(null);
      setTree(emptyTree());
      emit(undefined);
      return;
    }
    const parsed = parseRule(text);
    if ('error' in parsed) {
      setRawError(parsed.error);
      return;
    }
    setRawError(null);
    setTree(treeOf(parsed.rule, config));
    emit(parsed.rule);
  };

  const problems = value?.rule ? guardProblems(value.rule) : [];
  const setMessage = (key: 'fr' | 'en', text: string) => {
    const next = { ...message, [key]: text || undefined };
    setMessageState(next);
    if (value?.rule) emit(value.rule, next);
  };

  return (
    <div data-testid="guard-editor">
      <Segmented
        value={mode}
        onChange={(v) => setMode(v as 'visual' | 'json')}
        options={[
          { value: 'visual', label: t('guard.visual'), disabled: !tree },
          { value: 'json', label: t('guard.json') },
        ]}
        style={{ marginBottom: 8 }}
      />
      {!tree && <Alert type="info" showIcon message={t('guard.notVisual')} style={{ marginBottom: 8 }} />}
      {mode === 'visual' && tree ? (
        <Query
          {...config}
          value={tree}
          onChange={onTree}
          renderBuilder={(props: BuilderProps) => (
            <div className="query-builder-container">
              <div className="query-builder">
                <Builder {...props} />
              </div>
            </div>
          )}
        />
      ) : (
        <Form.Item
          label={t('guard.rawLabel')}
          htmlFor="guard-raw"
          style={{ marginBottom: 8 }}
          validateStatus={rawError ? 'error' : undefined}
          help={rawError ?? undefined}
        >
          <Input.TextArea
            id="guard-raw"
            value={raw}
            rows={6}
            spellCheck={false}
            style={{ fontFamily: 'monospace' }}
            placeholder='{">": [{"var": "dossier.amount"}, 0]}'
            onChange={(e) => onRaw(e.target.value)}
          />
        </Form.Item>
      )}
      {mode === 'visual' && raw && (
        <Typography.Paragraph
          code
          copyable
          style={{ whiteSpace: 'pre-wrap', fontSize: 12 }}
          data-testid="guard-json-preview"
        >
          {raw}
        </Typography.Paragraph>
      )}
      {problems.map((p) => (
        <Alert key={p} type="warning" showIcon message={p} style={{ marginBottom: 4 }} />
      ))}
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item label={t('guard.messageFr')} htmlFor="guard-message-fr" required>
            <Input
              id="guard-message-fr"
              value={message.fr ?? ''}
              onChange={(e) => setMessage('fr', e.target.value)}
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label={t('guard.messageEn')} htmlFor="guard-message-en">
            <Input
              id="guard-message-en"
              value={message.en ?? ''}
              onChange={(e) => setMessage('en', e.target.value)}
            />
          </Form.Item>
        </Col>
      </Row>
    </div>
  );
}
