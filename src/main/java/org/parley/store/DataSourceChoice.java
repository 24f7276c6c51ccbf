package org.parley.store;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
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

    /**
     * The chosen data source, for what Parley writes or reads with plain JDBC.
     *
     * @throws PersistenceException when the operator's is not bound under its name
     */
    public DataSource require() {
        try {
            return dataSource();
        } catch (NamingException e) {
            throw new PersistenceException("No data source " + describe(), e);
        }
    }

    /** How the chosen one is called in messages. */
    public String describe() {
        return Setting.DATASOURCE.jndiName().orElse("(embedded Derby)");
    }
}
