export default {
  title: 'Vigil 로그인',
  username: '사용자 이름',
  password: '비밀번호',
  submit: '로그인',
};
