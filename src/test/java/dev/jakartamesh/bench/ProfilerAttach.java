package dev.jakartamesh.bench;

import com.sun.tools.attach.VirtualMachine;

/**
 * Loads async-profiler into a running JVM and passes it a command, for {@code bench/profile.sh}:
 * {@code ProfilerAttach <pid> <libasyncProfiler.so> <command>}, for example
 * {@code start,event=cpu,interval=1ms} and later {@code stop,file=out.collapsed,collapsed}.
 */
public final class ProfilerAttach {

    private ProfilerAttach() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: ProfilerAttach <pid> <libasyncProfiler.so> <command>");
        }
        VirtualMachine vm = VirtualMachine.attach(args[0]);
        try {
            vm.loadAgentPath(args[1], args[2]);
        } finally {
            vm.detach();
        }
    }
}
