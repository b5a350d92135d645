export default {
  title: '감사 로그',
  col: {
    when: '시각',
    who: '사용자',
    action: '작업',
    target: '대상',
    change: '변경 내용',
  },
  empty: '아직 기록된 변경이 없습니다',
  older: '이전 기록',
  none: '(없음)',
  action: {
    create: '생성',
    update: '수정',
    delete: '삭제',
    attach: '연결',
    detach: '연결 해제',
  },
};
