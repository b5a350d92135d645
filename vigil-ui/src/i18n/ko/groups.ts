export default {
  title: '호스트 그룹',
  count: '그룹 {n}개',
  name: '이름',
  description: '설명',
  create: '그룹 만들기',
  empty: '호스트 그룹이 없습니다',
  members: '구성원',
  removeHost: '그룹에서 제거',
  templates: '템플릿',
  attachTemplate: '템플릿 연결…',
  noProblem: '이 그룹에는 열린 문제가 없습니다',
  worst: '이 그룹의 열린 문제 중 가장 높은 심각도',
};
