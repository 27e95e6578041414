import { CATEGORIES, CATEGORY_LABELS, URGENCIES, URGENCY_LABELS, type DepartmentDto } from '@hotline/contracts';
import { Button, Form, Input, Select, Space, Switch, type FormInstance } from 'antd';
import { useEffect, useState } from 'react';
import { intakeProblems, type IntakeMode, type IntakeValues } from '../validation';
import { Duplicates } from './Duplicates';
import { Suggestions } from './Suggestions';

const T = {
  phone: '来电号码',
  name: '来电人',
  content: '诉求内容',
  category: '诉求类型',
  address: '地址',
  confidential: '保密（举报人身份不向部门显示）',
  urgency: '紧急程度',
  department: '承办部门',
  reply: '答复内容（当场答复时填写）',
  resolve: '当场答复并办结 (Alt+R)',
  dispatch: '派单 (Alt+D)',
} as const;

/**
 * The call-taking form, in the order a call goes: phone first, then the problem, then how it ends. Keyboard only:
 * Tab moves field to field, Alt+D dispatches, Alt+R answers on the call and closes. Nothing typed is lost on error.
 */
export function IntakeForm({
  departments,
  busy,
  onPhone,
  onSubmit,
  initialPhone,
  form: given,
  understanding = true,
  registered,
}: {
  departments: DepartmentDto[];
  busy: boolean;
  initialPhone?: string;
  onPhone?: (phone: string) => void;
  onSubmit: (values: IntakeValues, mode: IntakeMode) => Promise<boolean>;
  /** The page's form instance, when a panel beside the form (the knowledge base) fills it too. */
  form?: FormInstance<IntakeValues>;
  /** Suggestions and the repeat-call warning (off in component tests that have no server). */
  understanding?: boolean;
  /** The ticket this form registered last: what the service found about it after the commit is shown. */
  registered?: { id: number; no: string } | null;
}) {
  const [own] = Form.useForm<IntakeValues>();
  const form = given ?? own;
  const [mode, setMode] = useState<IntakeMode>('dispatch');
  // a call taken from the pop-up: the page's form outlives this component, so start the new call afresh
  useEffect(() => {
    if (!initialPhone) return;
    form.resetFields();
    form.setFieldValue('callerPhone', initialPhone);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [initialPhone]);
  const finish = async (m: IntakeMode, extra: Partial<IntakeValues> = {}) => {
    setMode(m);
    const values = { ...(form.getFieldsValue(true) as IntakeValues), ...extra };
    const problems = intakeProblems(values, m);
    form.setFields((Object.keys(values).concat(Object.keys(problems)) as Array<keyof IntakeValues>).map((name) => ({ name, errors: problems[name] ? [problems[name]] : [] })));
    if (Object.keys(problems).length) return;
    if (await onSubmit(values, m)) form.resetFields();
  };
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ category: 'consultation', confidential: false, callerPhone: initialPhone }}
      onValuesChange={(changed: IntakeValues) => {
        if (changed.callerPhone !== undefined) onPhone?.(changed.callerPhone);
        if (changed.category === 'report') form.setFieldValue('confidential', true);
        if (changed.reply !== undefined && !changed.articleId) form.setFieldValue('articleId', undefined);
      }}
      onKeyDown={(e) => {
        const key = e.key.toLowerCase();
        if (!e.altKey || (key !== 'd' && key !== 'r')) return;
        e.preventDefault();
        void finish(key === 'd' ? 'dispatch' : 'resolve');
      }}
    >
      <Space.Compact block>
        <Form.Item name="callerPhone" label={T.phone} style={{ flex: 1 }} required>
          <Input autoFocus inputMode="tel" placeholder="13800138000 / 0571-87654321" data-testid="intake-phone" />
        </Form.Item>
        <Form.Item name="callerName" label={T.name} style={{ flex: 1, marginLeft: 12 }}>
          <Input placeholder="王女士" />
        </Form.Item>
      </Space.Compact>
      <Form.Item name="content" label={T.content} required>
        <Input.TextArea rows={4} maxLength={5000} showCount data-testid="intake-content" />
      </Form.Item>
      {understanding && <Suggestions form={form} departments={departments} />}
      <Space.Compact block>
        <Form.Item name="category" label={T.category} style={{ flex: 1 }}>
          <Select options={CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }))} />
        </Form.Item>
        <Form.Item name="urgency" label={T.urgency} style={{ flex: 1, marginLeft: 12 }}>
          <Select allowClear placeholder="留空：按规则自动判定" options={URGENCIES.map((u) => ({ value: u, label: URGENCY_LABELS[u] }))} data-testid="intake-urgency" />
        </Form.Item>
      </Space.Compact>
      <Form.Item name="address" label={T.address}>
        <Input maxLength={255} data-testid="intake-address" />
      </Form.Item>
      {understanding && <Duplicates form={form} busy={busy && mode === 'merge'} onMerge={(intoId) => void finish('merge', { mergeInto: intoId })} registered={registered} />}
      <Form.Item name="confidential" label={T.confidential} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item name="departmentId" label={T.department} required={mode === 'dispatch'}>
        <Select
          showSearch
          allowClear
          optionFilterProp="label"
          placeholder="选择承办部门"
          options={departments.map((d) => ({ value: d.id, label: d.name }))}
          data-testid="intake-department"
        />
      </Form.Item>
      <Form.Item name="reply" label={T.reply}>
        <Input.TextArea rows={2} maxLength={5000} data-testid="intake-reply" />
      </Form.Item>
      <Form.Item name="articleId" hidden>
        <Input />
      </Form.Item>
      <Space>
        <Button type="primary" loading={busy && mode === 'dispatch'} onClick={() => void finish('dispatch')} data-testid="intake-dispatch">
          {T.dispatch}
        </Button>
        <Button loading={busy && mode === 'resolve'} onClick={() => void finish('resolve')} data-testid="intake-resolve">
          {T.resolve}
        </Button>
      </Space>
    </Form>
  );
}
