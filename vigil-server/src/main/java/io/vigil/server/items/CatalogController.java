package io.vigil.server.items;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The item kinds the UI offers: check kinds with their parameters, and the collectors. */
@RestController
class CatalogController {

  private final CheckCatalog catalog;

  CatalogController(CheckCatalog catalog) {
    this.catalog = catalog;
  }

  @GetMapping("/api/v1/catalog/kinds")
  List<CatalogKind> kinds() {
    return catalog.all();
  }
}
