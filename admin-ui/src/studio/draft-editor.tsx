import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Space, Tabs, Typography } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_ROLES } from '../../../definitions/permissions.js';
import {
  addState,
  addTransition,
  pinProblems,
  removeState,
  removeTransition,
  updateState,
  updateTransition,
  type DefinitionProblemView,
  type WorkflowDefinitionBody,
} from './definition-model';
import { PipelineGraph } from './pipeline-graph';
import { ProblemList } from './problem-list';
import { StateForm } from './state-form';
import { StatesTable } from './states-table';
import { TransitionForm } from './transition-form';
import { TransitionsTable } from './transitions-table';
import { useCaseStatuses } from './use-case-statuses';

interface Props {
  definition: WorkflowDefinitionBody;
  problems: DefinitionProblemView[];
  editable: boolean;
  onChange: (next: WorkflowDefinitionBody) => void;
  extraTabs?: { key: string; label: string; children: ReactNode }[];
}

type Editing = { kind: 'state' | 'transition'; index: number | null } | null;

/** The state/transition tables and the live graph of a definition, with validation problems pinned. */
export function DraftEditor({ definition, problems, editable, onChange, extraTabs = [] }: Props) {
  const { t } = useTranslation('studio');
  const { labels, options } = useCaseStatuses();
  const pinned = useMemo(() => pinProblems(problems), [problems]);
  const [editing, setEditing] = useState<Editing>(null);
  const [tab, setTab] = useState('states');
  const stateCodes = definition.states.map((s) => s.code);
  const roleCodes = [
    ...new Set([
      ...DEFAULT_ROLES.map((r) => r.code),
      ...definition.transitions.flatMap((tr) => tr.roles ?? []),
    ]),
  ];
  const close = () => setEditing(null);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {pinned.general.length > 0 && (
        <Card size="small" style={{ borderColor: '#ffa39e' }}>
          <ProblemList problems={pinned.general} testId="general-problems" />
        </Card>
      )}
      <Card size="small" title={t('graph.title')}>
        <PipelineGraph
          definition={definition}
          pinned={pinned}
          labels={labels}
          onSelectState={(index) => {
            setTab('states');
            if (editable) setEditing({ kind: 'state', index });
          }}
          onSelectTransition={(index) => {
            setTab('transitions');
            if (editable) setEditing({ kind: 'transition', index });
          }}
        />
      </Card>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'states',
            label: `${t('editor.states')} (${definition.states.length})`,
            children: (
              <>
                {editable && (
                  <Row justify="end" style={{ marginBottom: 8 }}>
                    <Col>
                      <Button
                        icon={<PlusOutlined />}
                        onClick={() => setEditing({ kind: 'state', index: null })}
                      >
                        {t('editor.addState')}
                      </Button>
                    </Col>
                  </Row>
                )}
                <StatesTable
                  states={definition.states}
                  pinned={pinned}
                  labels={labels}
                  editable={editable}
                  onEdit={(index) => setEditing({ kind: 'state', index })}
                  onRemove={(index) => onChange(removeState(definition, index))}
                />
              </>
            ),
          },
          {
            key: 'transitions',
            label: `${t('editor.transitions')} (${definition.transitions.length})`,
            children: (
              <>
                {editable && (
                  <Row justify="end" style={{ marginBottom: 8 }}>
                    <Col>
                      <Button
                        icon={<PlusOutlined />}
                        onClick={() => setEditing({ kind: 'transition', index: null })}
                      >
                        {t('editor.addTransition')}
                      </Button>
                    </Col>
                  </Row>
                )}
                <TransitionsTable
                  transitions={definition.transitions}
                  pinned={pinned}
                  editable={editable}
                  onEdit={(index) => setEditing({ kind: 'transition', index })}
                  onRemove={(index) => onChange(removeTransition(definition, index))}
                />
              </>
            ),
          },
          {
            key: 'json',
            label: 'JSON',
            children: (
              <Typography.Paragraph copyable={{ text: JSON.stringify(definition, null, 2) }}>
                <pre style={{ maxHeight: 480, overflow: 'auto', fontSize: 12 }}>
                  {JSON.stringify(definition, null, 2)}
                </pre>
              </Typography.Paragraph>
            ),
          },
          ...extraTabs,
        ]}
      />
      <StateForm
        open={editing?.kind === 'state'}
        state={
          editing?.kind === 'state' && editing.index !== null ? definition.states[editing.index] : undefined
        }
        statusOptions={options}
        stateCodes={stateCodes}
        onCancel={close}
        onSubmit={(state) => {
          const index = editing?.index ?? null;
          onChange(index === null ? addState(definition, state) : updateState(definition, index, state));
          close();
        }}
      />
      <TransitionForm
        open={editing?.kind === 'transition'}
        transition={
          editing?.kind === 'transition' && editing.index !== null
            ? definition.transitions[editing.index]
            : undefined
        }
        stateCodes={stateCodes}
        roleCodes={roleCodes}
        onCancel={close}
        onSubmit={(tr) => {
          const index = editing?.index ?? null;
          onChange(index === null ? addTransition(definition, tr) : updateTransition(definition, index, tr));
          close();
        }}
      />
    </Space>
  );
}
