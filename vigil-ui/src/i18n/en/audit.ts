export default {
  title: 'Audit log',
  col: {
    when: 'When',
    who: 'Who',
    action: 'Action',
    target: 'Target',
    change: 'Change',
  },
  empty: 'No changes recorded yet',
  older: 'Older',
  none: '(none)',
  action: {
    create: 'create',
    update: 'update',
    delete: 'delete',
    attach: 'attach',
    detach: 'detach',
  },
};
