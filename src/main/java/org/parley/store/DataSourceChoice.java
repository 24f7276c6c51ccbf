package org.parley.store;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.parley.config.Setting;

/** The data source Parley stores in: the operator's, when {@link Setting#DATASOURCE} names one, else the embedded. */
@ApplicationScoped
public class DataSourceChoice {

    @Resource(lookup = "java:app/jdbc/parley")
    DataSource embedded;

    public DataSource dataSource() throws NamingException {
        Optional<String> name = Setting.DATASOURCE.jndiName();
        return name.isPresent() ? InitialContext.doLookup(name.get()) : embedded;
    }

    /** How the chosen one is called in messages. */
    public String describe() {
        return Setting.DATASOURCE.jndiName().orElse("(embedded Derby)");
    }
}
