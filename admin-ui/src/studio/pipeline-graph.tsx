import { ClockCircleOutlined, FlagOutlined, PlayCircleOutlined } from '@ant-design/icons';
import {
  Background,
  Controls,
  MarkerType,
  Position,
  ReactFlow,
  useReactFlow,
  type Edge,
  type Node,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { Space, Tag, Typography } from 'antd';
import type { CSSProperties } from 'react';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lang, PinnedProblems, WorkflowDefinitionBody } from './definition-model';
import { layoutPipeline, NODE_HEIGHT, NODE_WIDTH, type LaidOutState } from './pipeline-layout';

const KIND_STYLE: Record<LaidOutState['kind'], CSSProperties> = {
  initial: { background: '#f6ffed', border: '2px solid #52c41a' },
  terminal: { background: '#262626', color: '#fff', border: '3px double #8c8c8c' },
  normal: { background: '#fff', border: '1px solid #91caff' },
};

function StateLabel({ s }: { s: LaidOutState }) {
  return (
    <div style={{ lineHeight: 1.25 }}>
      <Space size={4}>
        {s.kind === 'initial' && <PlayCircleOutlined aria-label="initial" />}
        {s.kind === 'terminal' && <FlagOutlined aria-label="terminal" />}
        {s.timer && <ClockCircleOutlined aria-label="timer" style={{ color: '#fa8c16' }} />}
        <strong>{s.label}</strong>
      </Space>
      <div style={{ fontSize: 10, opacity: 0.7 }}>{s.code}</div>
    </div>
  );
}

/** Refits the view whenever the pipeline's shape changes (a state or transition added or removed). */
function FitOnChange({ signature }: { signature: string }) {
  const { fitView } = useReactFlow();
  useEffect(() => {
    const frame = requestAnimationFrame(() => void fitView({ padding: 0.12 }));
    return () => cancelAnimationFrame(frame);
  }, [signature, fitView]);
  return null;
}

interface Props {
  definition: WorkflowDefinitionBody;
  pinned?: PinnedProblems;
  /** CASE_STATUS labels in the UI language, for states without their own label. */
  labels?: Record<string, string>;
  height?: number;
  onSelectState?: (index: number) => void;
  onSelectTransition?: (index: number) => void;
}

/** The pipeline as a graph laid out by dagre: initial green, terminal dark, timers with a clock, errors red. */
export function PipelineGraph({
  definition,
  pinned,
  labels,
  height = 380,
  onSelectState,
  onSelectTransition,
}: Props) {
  const { t, i18n } = useTranslation('studio');
  const lang: Lang = i18n.language.startsWith('en') ? 'en' : 'fr';
  const { nodes, edges } = useMemo(() => {
    const laid = layoutPipeline(definition, lang, { labels, pinned });
    const nodes: Node[] = laid.nodes.map((s) => ({
      id: s.id,
      position: { x: s.x, y: s.y },
      data: { label: <StateLabel s={s} /> },
      sourcePosition: Position.Right,
      targetPosition: Position.Left,
      draggable: false,
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
      className: `state-${s.kind}${s.timer ? ' state-timer' : ''}${s.invalid ? ' state-invalid' : ''}`,
      style: {
        ...KIND_STYLE[s.kind],
        ...(s.timer
          ? { borderStyle: s.kind === 'terminal' ? 'double' : 'dashed', borderColor: '#fa8c16' }
          : {}),
        ...(s.invalid ? { border: '2px solid #ff4d4f', boxShadow: '0 0 0 3px #ffccc7' } : {}),
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
        borderRadius: 8,
        padding: 6,
        fontSize: 12,
      },
    }));
    const edges: Edge[] = laid.edges.map((e) => {
      const color = e.invalid ? '#ff4d4f' : e.timer ? '#fa8c16' : e.guarded ? '#722ed1' : '#8c8c8c';
      return {
        id: e.id,
        source: e.source,
        target: e.target,
        label: e.label || undefined,
        data: { index: e.index },
        animated: e.timer,
        markerEnd: { type: MarkerType.ArrowClosed, color },
        style: {
          stroke: color,
          strokeWidth: e.guarded || e.invalid ? 2 : 1.2,
          ...(e.timer ? { strokeDasharray: '6 4' } : {}),
        },
        labelStyle: { fontSize: 10, fill: e.guarded ? '#531dab' : '#595959' },
        labelBgStyle: { fill: '#fff', fillOpacity: 0.9 },
        labelBgPadding: [4, 2] as [number, number],
      };
    });
    return { nodes, edges };
  }, [definition, lang, labels, pinned]);

  return (
    <div>
      <div style={{ height, border: '1px solid #f0f0f0', borderRadius: 8 }} data-testid="pipeline-graph">
        <ReactFlow
          nodes={nodes}
          edges={edges}
          fitView
          fitViewOptions={{ padding: 0.12 }}
          nodesConnectable={false}
          nodesDraggable={false}
          minZoom={0.2}
          proOptions={{ hideAttribution: true }}
          onNodeClick={(_, node) => onSelectState?.(Number(node.id.split('#')[1]))}
          onEdgeClick={(_, edge) => {
            const index = Number((edge.data as { index?: number } | undefined)?.index ?? -1);
            if (index >= 0) onSelectTransition?.(index);
          }}
        >
          <FitOnChange signature={`${nodes.length}:${edges.length}`} />
          <Background gap={16} />
          <Controls showInteractive={false} />
        </ReactFlow>
      </div>
      <Space size="small" wrap style={{ marginTop: 8 }}>
        <Typography.Text type="secondary">{t('graph.legend')}</Typography.Text>
        <Tag color="green" icon={<PlayCircleOutlined />}>
          {t('graph.initial')}
        </Tag>
        <Tag color="default" icon={<FlagOutlined />} style={{ background: '#262626', color: '#fff' }}>
          {t('graph.terminal')}
        </Tag>
        <Tag color="orange" icon={<ClockCircleOutlined />}>
          {t('graph.timer')}
        </Tag>
        <Tag color="purple">{t('graph.guarded')}</Tag>
        <Tag color="red">{t('graph.invalid')}</Tag>
      </Space>
    </div>
  );
}
