package io.vigil.server.auth;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

@Service
class VigilUserDetailsService implements UserDetailsService {

  private final UserRepository users;

  VigilUserDetailsService(UserRepository users) {
    this.users = users;
  }

  @Override
  public UserDetails loadUserByUsername(String username) {
    return users
        .findByUsername(username)
        .map(u -> new VigilUser(u.id(), u.username(), u.passwordHash(), u.role(), u.enabled()))
        .orElseThrow(() -> new UsernameNotFoundException("no such user"));
  }

  VigilUser loadById(long id) {
    return users
        .findById(id)
        .map(u -> new VigilUser(u.id(), u.username(), u.passwordHash(), u.role(), u.enabled()))
        .orElseThrow(() -> new UsernameNotFoundException("no such user"));
  }
}
