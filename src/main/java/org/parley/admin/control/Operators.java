package org.parley.admin.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.parley.account.control.Accounts;
import org.parley.account.entity.Account;
import org.parley.config.Setting;

/** Who may administer: the accounts {@code parley.operators} names, found as any other name is. */
@ApplicationScoped
public class Operators {

    @Inject
    Accounts accounts;

    public boolean isOperator(String accountName) {
        return Setting.OPERATORS.names().stream()
                .anyMatch(listed -> accounts.find(listed).map(Account::name).filter(accountName::equals).isPresent());
    }
}
