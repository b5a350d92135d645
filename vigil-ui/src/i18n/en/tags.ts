export default {
  title: 'Tags',
  none: 'No tags',
  edit: 'Edit tags',
  name: 'Name',
  value: 'Value',
  add: 'Add tag',
  remove: 'Remove tag {name}',
  save: 'Save tags',
  cancel: 'Cancel',
  invalid: {
    name: 'Tag names start with a letter and use only a-z, 0-9 and _ (at most 63 characters)',
    blank: 'A tag needs a value',
    long: 'Tag values have at most {max} characters',
    control: 'Tag values cannot contain control characters',
  },
};
