export default {
  title: 'Sign in to Vigil',
  username: 'Username',
  password: 'Password',
  submit: 'Sign in',
};
