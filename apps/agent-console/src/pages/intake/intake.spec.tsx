import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { IntakeForm } from './components/IntakeForm';
import { intakeProblems } from './validation';

describe('intake validation', () => {
  it('needs a valid phone and the content, a department to dispatch, a reply to resolve', () => {
    expect(intakeProblems({}, 'dispatch')).toEqual({ callerPhone: '请输入来电号码', content: '请填写诉求内容', departmentId: '派单请选择承办部门' });
    expect(intakeProblems({ callerPhone: '12345', content: '停水' }, 'resolve')).toEqual({
      callerPhone: expect.stringMatching(/号码格式不正确/),
      reply: '当场答复请填写答复内容',
    });
    expect(intakeProblems({ callerPhone: '13800138000', content: '停水', departmentId: 13 }, 'dispatch')).toEqual({});
    expect(intakeProblems({ callerPhone: '0571-87654321', content: '咨询', reply: '已答复' }, 'resolve')).toEqual({});
    expect(intakeProblems({ callerPhone: '13800138000', content: 'x'.repeat(5001), departmentId: 1 }, 'dispatch')).toHaveProperty('content');
  });
});

describe('<IntakeForm>', () => {
  const departments = [
    { id: 13, code: 'utilities', name: '水电气公用事业' },
    { id: 1, code: 'health', name: '卫生健康局' },
  ];

  it('shows every problem next to its field and submits nothing', async () => {
    const onSubmit = vi.fn(async () => true);
    render(<IntakeForm understanding={false} departments={departments} busy={false} onSubmit={onSubmit} />);
    fireEvent.click(screen.getByTestId('intake-dispatch'));
    expect(await screen.findByText('请输入来电号码')).toBeTruthy();
    expect(screen.getByText('请填写诉求内容')).toBeTruthy();
    expect(screen.getByText('派单请选择承办部门')).toBeTruthy();
    fireEvent.change(screen.getByTestId('intake-phone'), { target: { value: '123' } });
    fireEvent.click(screen.getByTestId('intake-dispatch'));
    expect(await screen.findByText(/号码格式不正确/)).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('submits what was typed, by keyboard (Alt+R answers on the call), and tells the caller history the number', async () => {
    const onSubmit = vi.fn(async () => false); // the API refused: the form keeps everything typed
    const onPhone = vi.fn();
    render(<IntakeForm understanding={false} departments={departments} busy={false} onSubmit={onSubmit} onPhone={onPhone} />);
    fireEvent.change(screen.getByTestId('intake-phone'), { target: { value: '13800138000' } });
    fireEvent.change(screen.getByTestId('intake-content'), { target: { value: '请问社保卡怎么补办？' } });
    expect(onPhone).toHaveBeenLastCalledWith('13800138000');
    const reply = screen.getByLabelText('答复内容（当场答复时填写）');
    fireEvent.change(reply, { target: { value: '携带身份证到社保大厅办理。' } });
    fireEvent.keyDown(reply, { key: 'r', altKey: true });
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit).toHaveBeenCalledWith(
      expect.objectContaining({ callerPhone: '13800138000', content: '请问社保卡怎么补办？', reply: '携带身份证到社保大厅办理。', category: 'consultation' }),
      'resolve',
    );
    expect(screen.getByTestId<HTMLTextAreaElement>('intake-content').value).toBe('请问社保卡怎么补办？');
  });
});
