export default {
  title: '태그',
  none: '태그 없음',
  edit: '태그 편집',
  name: '이름',
  value: '값',
  add: '태그 추가',
  remove: '태그 {name} 제거',
  save: '태그 저장',
  cancel: '취소',
  invalid: {
    name: '태그 이름은 영문 소문자로 시작하고 a-z, 0-9, _ 만 쓸 수 있습니다 (최대 63자)',
    blank: '태그에는 값이 필요합니다',
    long: '태그 값은 최대 {max}자입니다',
    control: '태그 값에는 제어 문자를 쓸 수 없습니다',
  },
};
