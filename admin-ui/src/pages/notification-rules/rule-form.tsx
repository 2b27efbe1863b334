import {
  Alert,
  Button,
  Card,
  Col,
  Drawer,
  Flex,
  Form,
  Input,
  Row,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import type { InputRef } from 'antd';
import { useRef, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useDictionary } from '../../components/dictionary';
import { api, ok } from '../../api/client';
import { ApiError, errorMessage } from '../../providers/http';
import {
  CHANNELS,
  EVENTS,
  LANGS,
  RECIPIENTS,
  type Lang,
  type LocalizedTemplate,
  type NotificationRule,
} from './api';

interface RuleValues {
  name: string;
  event: NotificationRule['event'];
  recipients: NotificationRule['recipients'];
  channel: NotificationRule['channel'];
  caseType?: string | null;
  statusCode?: string | null;
  isActive: boolean;
  template: Record<Lang, { subject?: string; body?: string }>;
}

type TemplatePath = ['template', Lang, 'subject' | 'body'];

/** The template without empty languages and empty subjects, as the API wants it. */
function cleanTemplate(template: RuleValues['template']): Partial<Record<Lang, LocalizedTemplate>> {
  const out: Partial<Record<Lang, LocalizedTemplate>> = {};
  for (const lang of LANGS) {
    const t = template?.[lang];
    if (!t || (!t.subject?.trim() && !t.body?.trim())) continue;
    out[lang] = { body: t.body ?? '', ...(t.subject?.trim() ? { subject: t.subject } : {}) };
  }
  return out;
}

/** Server field names (`template/fr/body`, `channel`) as form name paths. */
function fieldPath(field: string): (string | number)[] {
  return field.split(/[/.]/).filter(Boolean);
}

const KNOWN = new Set([
  'name',
  'event',
  'recipients',
  'channel',
  'caseType',
  'statusCode',
  ...LANGS.flatMap((l) => [`template/${l}/subject`, `template/${l}/body`]),
]);

/** Create or edit a rule in a drawer: variables as insertable chips, a preview, server errors inline. */
export function RuleForm({
  rule,
  variables,
  onClose,
  onSaved,
}: {
  rule: NotificationRule | null;
  variables: Record<string, string[]>;
  onClose: () => void;
  onSaved: () => Promise<void>;
}) {
  const { t } = useTranslation('rules');
  const [form] = Form.useForm<RuleValues>();
  const caseTypes = useDictionary('CASE_TYPE', { entity: 'DOSSIER' });
  const statuses = useDictionary('CASE_STATUS', { entity: 'DOSSIER' });
  const event = Form.useWatch('event', form) ?? rule?.event ?? 'NEW_LEAD';
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ lang: Lang; subject: string | null; body: string } | null>(null);
  // The template field the chips insert into, and where its caret was.
  const active = useRef<{ path: TemplatePath; pos: number | null }>({
    path: ['template', 'fr', 'body'],
    pos: null,
  });
  const inputs = useRef<Record<string, HTMLInputElement | HTMLTextAreaElement | null>>({});

  const initial: RuleValues = {
    name: rule?.name ?? '',
    event: rule?.event ?? 'NEW_LEAD',
    recipients: rule?.recipients ?? ['ASSIGNED_AGENT'],
    channel: rule?.channel ?? 'IN_APP',
    caseType: rule?.caseType ?? null,
    statusCode: rule?.statusCode ?? null,
    isActive: rule?.isActive ?? true,
    template: {
      fr: { subject: rule?.template.fr?.subject ?? '', body: rule?.template.fr?.body ?? '' },
      en: { subject: rule?.template.en?.subject ?? '', body: rule?.template.en?.body ?? '' },
    },
  };

  const showProblem = (err: unknown) => {
    if (err instanceof ApiError && err.errors) {
      const known = Object.entries(err.errors).filter(([f]) => KNOWN.has(f));
      form.setFields(known.map(([f, msg]) => ({ name: fieldPath(f) as never, errors: [msg] })));
      const other = Object.entries(err.errors).filter(([f]) => !KNOWN.has(f));
      setError(other.length ? other.map(([f, m]) => `${f}: ${m}`).join('; ') : null);
    } else if (err instanceof ApiError && err.statusCode === 409) setError(t('form.stale'));
    else setError(errorMessage(err));
  };

  const save = async (values: RuleValues) => {
    setBusy(true);
    setError(null);
    try {
      const body = {
        name: values.name,
        event: values.event,
        recipients: values.recipients,
        channel: values.channel,
        caseType: values.caseType || null,
        statusCode: values.event === 'STATUS_CHANGED' ? values.statusCode || null : null,
        isActive: values.isActive,
        template: cleanTemplate(values.template),
      };
      if (rule)
        await ok(
          api.PUT('/api/v1/notification-rules/{id}', {
            params: { path: { id: rule.id } },
            body: { ...body, version: rule.version },
          }),
        );
      else await ok(api.POST('/api/v1/notification-rules', { body }));
      await onSaved();
    } catch (err) {
      showProblem(err);
    } finally {
      setBusy(false);
    }
  };

  const runPreview = async (lang: Lang) => {
    setError(null);
    const values = form.getFieldsValue(true) as RuleValues;
    try {
      const answer = await ok(
        api.POST('/api/v1/notification-rules/preview', {
          body: { event: values.event, template: cleanTemplate(values.template), lang },
        }),
      );
      setPreview({ lang, ...answer });
    } catch (err) {
      setPreview(null);
      showProblem(err);
    }
  };

  const insert = (name: string) => {
    const { path, pos } = active.current;
    const current = String(form.getFieldValue(path) ?? '');
    const at = pos ?? current.length;
    const token = `{{${name}}}`;
    const next = current.slice(0, at) + token + current.slice(at);
    form.setFields([{ name: path as never, value: next, errors: [] }]);
    active.current = { path, pos: at + token.length };
    const el = inputs.current[path.join('/')];
    if (el) {
      el.focus();
      requestAnimationFrame(() => el.setSelectionRange(at + token.length, at + token.length));
    }
  };

  const track = (path: TemplatePath) => ({
    onFocus: (e: { target: HTMLInputElement | HTMLTextAreaElement }) => {
      active.current = { path, pos: e.target.selectionStart };
    },
    onSelect: (e: { target: EventTarget }) => {
      const el = e.target as HTMLInputElement | HTMLTextAreaElement;
      active.current = { path, pos: el.selectionStart };
    },
    onKeyUp: (e: { target: EventTarget }) => {
      const el = e.target as HTMLInputElement | HTMLTextAreaElement;
      active.current = { path, pos: el.selectionStart };
    },
  });

  const opt = (values: readonly string[], prefix: string) =>
    values.map((v) => ({ value: v, label: t(`${prefix}.${v}`, { defaultValue: v }) }));

  return (
    <Drawer
      open
      width={820}
      title={rule ? t('form.editTitle') : t('form.createTitle')}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('form.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()}>
            {t('form.save')}
          </Button>
        </Space>
      }
    >
      <Form<RuleValues>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={save}
        data-testid="rule-form"
      >
        {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
        <Row gutter={16}>
          <Col span={16}>
            <Form.Item
              name="name"
              label={t('field.name')}
              rules={[{ required: true, whitespace: true, message: t('form.nameRequired') }]}
            >
              <Input id="rule-name" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="isActive" label={t('field.isActive')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="event" label={t('field.event')} rules={[{ required: true }]}>
              <Select id="rule-event" options={opt(EVENTS, 'events')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="recipients"
              label={t('field.recipients')}
              rules={[{ required: true, message: t('form.required') }]}
            >
              <Select id="rule-recipients" mode="multiple" options={opt(RECIPIENTS, 'recipients')} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="channel" label={t('field.channel')} rules={[{ required: true }]}>
              <Select id="rule-channel" options={opt(CHANNELS, 'channels')} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="caseType" label={t('field.caseType')}>
              <Select allowClear placeholder={t('form.anyCaseType')} options={caseTypes.options} />
            </Form.Item>
          </Col>
          {event === 'STATUS_CHANGED' ? (
            <Col span={8}>
              <Form.Item name="statusCode" label={t('field.statusCode')}>
                <Select allowClear placeholder={t('form.anyStatus')} options={statuses.options} />
              </Form.Item>
            </Col>
          ) : null}
        </Row>
        <Typography.Text type="secondary">{t('form.variables')}</Typography.Text>
        <Flex gap={6} wrap style={{ margin: '8px 0 16px' }} data-testid="rule-variables">
          {(variables[event] ?? []).map((v) => (
            <Tag
              key={v}
              color="blue"
              role="button"
              data-testid={`var-${v}`}
              onMouseDown={(e: MouseEvent) => e.preventDefault()}
              onClick={() => insert(v)}
              style={{ cursor: 'pointer', borderStyle: 'dashed' }}
            >
              {`{{${v}}}`}
            </Tag>
          ))}
        </Flex>
        <Row gutter={16}>
          {LANGS.map((lang) => (
            <Col span={12} key={lang}>
              <Card
                size="small"
                title={t(`form.lang.${lang}`)}
                extra={
                  <Button size="small" onClick={() => void runPreview(lang)} data-testid={`preview-${lang}`}>
                    {t('form.preview')}
                  </Button>
                }
              >
                <Form.Item name={['template', lang, 'subject']} label={t('field.subject')}>
                  <Input
                    id={`rule-${lang}-subject`}
                    ref={(r: InputRef | null) => {
                      inputs.current[`template/${lang}/subject`] = r?.input ?? null;
                    }}
                    {...track(['template', lang, 'subject'])}
                  />
                </Form.Item>
                <Form.Item name={['template', lang, 'body']} label={t('field.body')}>
                  <Input.TextArea
                    id={`rule-${lang}-body`}
                    rows={4}
                    ref={(r: TextAreaRef | null) => {
                      inputs.current[`template/${lang}/body`] = r?.resizableTextArea?.textArea ?? null;
                    }}
                    {...track(['template', lang, 'body'])}
                  />
                </Form.Item>
              </Card>
            </Col>
          ))}
        </Row>
        {preview ? (
          <Card
            size="small"
            style={{ marginTop: 16 }}
            title={t('form.previewTitle', { lang: t(`form.lang.${preview.lang}`) })}
            data-testid="rule-preview"
          >
            {preview.subject ? <Typography.Text strong>{preview.subject}</Typography.Text> : null}
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
              {preview.body}
            </Typography.Paragraph>
          </Card>
        ) : null}
      </Form>
    </Drawer>
  );
}
