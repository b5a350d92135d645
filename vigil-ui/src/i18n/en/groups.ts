export default {
  title: 'Host groups',
  count: '{n} groups',
  name: 'Name',
  description: 'Description',
  create: 'Create group',
  empty: 'No host groups',
  members: 'Members',
  removeHost: 'Remove from group',
  templates: 'Templates',
  attachTemplate: 'Attach template…',
  noProblem: 'No open problem in this group',
  worst: 'Worst open problem severity in this group',
};
