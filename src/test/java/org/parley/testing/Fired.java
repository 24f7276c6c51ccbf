package org.parley.testing;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A CDI event for unit tests: keeps what was fired, and hands each to an observer if one is given. */
public final class Fired<T> implements Event<T> {

    private final List<T> fired = new CopyOnWriteArrayList<>();
    private final Consumer<T> observer;

    private Fired(Consumer<T> observer) {
        this.observer = observer;
    }

    public static <T> Fired<T> kept() {
        return new Fired<>(event -> { });
    }

    public static <T> Fired<T> to(Consumer<T> observer) {
        return new Fired<>(observer);
    }

    public List<T> events() {
        return List.copyOf(fired);
    }

    @Override
    public void fire(T event) {
        fired.add(event);
        observer.accept(event);
    }

    @Override
    public <U extends T> CompletionStage<U> fireAsync(U event) {
        fire(event);
        return CompletableFuture.completedFuture(event);
    }

    @Override
    public <U extends T> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
        return fireAsync(event);
    }

    @Override
    public Event<T> select(Annotation... qualifiers) {
        throw new UnsupportedOperationException("no qualifiers in unit tests");
    }

    @Override
    public <U extends T> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
        throw new UnsupportedOperationException("no qualifiers in unit tests");
    }

    @Override
    public <U extends T> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
        throw new UnsupportedOperationException("no qualifiers in unit tests");
    }
}
