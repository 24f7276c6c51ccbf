package org.parley.testing.payara;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.arquillian.container.spi.ConfigurationException;
import org.jboss.arquillian.container.spi.client.container.ContainerConfiguration;

/** The properties of a Payara Micro container in arquillian-payara.xml; a test may override them as it starts one. */
public class PayaraMicroConfiguration implements ContainerConfiguration {

    private String microJar;
    private String war;
    private int httpPort;
    private String javaVmArguments = "";
    private String extraMicroOptions = "";
    private int startupTimeoutInSeconds = 240;

    @Override
    public void validate() throws ConfigurationException {
        for (String file : new String[] {microJar, war}) {
            if (file == null || !Files.isRegularFile(Path.of(file))) {
                throw new ConfigurationException("No such file: " + file + " (build first: ./mvnw verify)");
            }
        }
    }

    public String getMicroJar() {
        return microJar;
    }

    public void setMicroJar(String microJar) {
        this.microJar = microJar;
    }

    public String getWar() {
        return war;
    }

    public void setWar(String war) {
        this.war = war;
    }

    /** 0 picks a free port at each start. */
    public int getHttpPort() {
        return httpPort;
    }

    public void setHttpPort(int httpPort) {
        this.httpPort = httpPort;
    }

    public String getJavaVmArguments() {
        return javaVmArguments;
    }

    public void setJavaVmArguments(String javaVmArguments) {
        this.javaVmArguments = javaVmArguments;
    }

    public String getExtraMicroOptions() {
        return extraMicroOptions;
    }

    public void setExtraMicroOptions(String extraMicroOptions) {
        this.extraMicroOptions = extraMicroOptions;
    }

    public int getStartupTimeoutInSeconds() {
        return startupTimeoutInSeconds;
    }

    public void setStartupTimeoutInSeconds(int startupTimeoutInSeconds) {
        this.startupTimeoutInSeconds = startupTimeoutInSeconds;
    }
}
