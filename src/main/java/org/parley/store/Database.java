package org.parley.store;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import jakarta.persistence.PersistenceUnit;
import jakarta.persistence.TransactionRequiredException;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.parley.config.Setting;

/**
 * Where Parley keeps accounts and offline messages: its own embedded Derby ({@link EmbeddedDatabase}), or the data
 * source an operator names in {@link Setting#DATASOURCE}, with no rebuild.
 * <p>
 * The persistence unit's {@code jta-data-source} is fixed in persistence.xml, and neither server lets a setting
 * replace it in a way the other understands (Payara substitutes variables there, WildFly by default does not; Payara
 * refuses a resource reference there). So for an operator's data source Parley opens the same unit a second time,
 * with the standard {@code jakarta.persistence.jtaDataSource} property naming it, and binds one entity manager to
 * each transaction itself: what {@code @PersistenceContext} does for the container's own unit.
 */
@ApplicationScoped
public class Database {

    private static final Logger LOG = Logger.getLogger(Database.class.getName());

    @PersistenceUnit(unitName = "parley")
    EntityManagerFactory embedded;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    Schema schema;

    // chosen once, by whichever comes first: the start-up below or a first use; read by every request thread after
    private volatile EntityManagerFactory store;

    /** Opens the store as Parley starts, so that a data source that is not there stops the deployment. */
    void open(@Observes @Initialized(ApplicationScoped.class) Object started) {
        store();
    }

    /** The operator's data source when one is named, else the embedded one; never one then the other. */
    private EntityManagerFactory store() {
        EntityManagerFactory chosen = store;
        if (chosen == null) {
            synchronized (this) {
                if (store == null) {
                    store = choose();
                }
                chosen = store;
            }
        }
        return chosen;
    }

    private EntityManagerFactory choose() {
        schema.bringUpToDate();
        Optional<String> name = Setting.DATASOURCE.jndiName();
        if (name.isEmpty()) {
            LOG.info("Storing in the embedded Derby database");
            return embedded;
        }
        Map<String, String> properties = new HashMap<>(Map.of("jakarta.persistence.jtaDataSource", name.get()));
        if (Setting.CLUSTER_CONNECTION_FACTORY.jndiName().isPresent()) {
            // other servers write this database too: a provider's cache of it (EclipseLink keeps one by default)
            // would answer with what this server last read, as a sign-out on another server that had not happened
            properties.put("jakarta.persistence.sharedCache.mode", "NONE");
        }
        EntityManagerFactory operators = Persistence.createEntityManagerFactory("parley", properties);
        operators.createEntityManager().close();
        LOG.info(() -> "Storing in the data source " + name.get());
        return operators;
    }

    /**
     * The entity manager of whichever transaction is running when it is used. A proxy, not a
     * {@code @TransactionScoped} bean: that scope passivates, and EclipseLink's entity manager is not serializable.
     */
    @Produces
    EntityManager entityManager() {
        return (EntityManager) Proxy.newProxyInstance(EntityManager.class.getClassLoader(),
                new Class<?>[] {EntityManager.class}, (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        // identity and logging work anywhere, not only inside a transaction
                        return switch (method.getName()) {
                            case "equals" -> proxy == args[0];
                            case "hashCode" -> System.identityHashCode(proxy);
                            default -> "EntityManager of the running transaction";
                        };
                    }
                    try {
                        return method.invoke(ofThisTransaction(), args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private EntityManager ofThisTransaction() {
        if (transactions.getTransactionKey() == null) {
            throw new TransactionRequiredException("Parley's store is used only inside a transaction");
        }
        EntityManager bound = (EntityManager) transactions.getResource(this);
        if (bound == null) {
            EntityManager created = store().createEntityManager();
            created.joinTransaction();
            transactions.putResource(this, created);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    // the provider flushes in its own synchronization
                }

                @Override
                public void afterCompletion(int status) {
                    created.close();
                }
            });
            bound = created;
        }
        return bound;
    }

    /** The container closes its own factory; one Parley opened is Parley's to close. */
    @PreDestroy
    void shutDown() {
        if (store != null && store != embedded) {
            store.close();
        }
    }
}
